import type { Context } from "hono";
import { runAfterAnswer } from "../background";
import type { Deps } from "../deps";
import { MailError } from "../mail/mailer";
import type { Preferences } from "./preferences";
import { subscribe } from "./subscribe";

/**
 * Hands a validated, rate-limited subscription to the subscribe verb after the answer (issue
 * 16.4): whatever the address's state (new, known, pending, suppressed), the request takes the
 * same path and the same time. A mail that could not be handed over is logged (no address).
 * The embeddable form's POST /api/subscribe uses it; POST /subscribe does the same inline.
 */
export function subscribeAfterAnswer(c: Context, deps: Deps, email: string, preferences: Preferences): void {
  runAfterAnswer(c, deps.background, deps.log, "subscribe", async () => {
    try {
      await subscribe(deps, { email, preferences });
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      deps.log.error("subscribe.mail_failed", { kind: err.kind });
    }
  });
}
