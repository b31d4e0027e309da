import type { Deps } from "../deps";
import { AppError } from "../errors";
import { MailError } from "../mail/mailer";
import { addressLimitKey, hitRateLimit, SUBSCRIBE_PER_ADDRESS } from "../security/rate-limit";
import { tooMany } from "./subscribe";

/**
 * Mails an address because a person pressed a button (a new confirmation link, a resubscribe
 * link): each press mails the inbox, so it counts against the subscribe form's per-address limit
 * (when the address is known), and a provider failure is answered with a 503 a person can act on.
 */
export async function mailOnRequest(
  deps: Pick<Deps, "db" | "clock" | "log">,
  input: { email: string | undefined; event: string; send: () => Promise<unknown> },
): Promise<void> {
  if (input.email !== undefined) {
    const limit = await hitRateLimit(deps.db, SUBSCRIBE_PER_ADDRESS, addressLimitKey(input.email), deps.clock.now());
    if (!limit.allowed) throw tooMany(limit.retryAfterSec);
  }
  try {
    await input.send();
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    deps.log.error(input.event, { kind: err.kind });
    throw new AppError(
      "SERVICE_UNAVAILABLE",
      "We couldn't send the email just now. Nothing changed: please try again in a few minutes.",
    );
  }
}
