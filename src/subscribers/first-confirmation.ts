import { and, asc, eq, gt, isNull, lt } from "drizzle-orm";
import { preferences as preferencesTable, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { MailError } from "../mail/mailer";
import { sendWithRetry } from "../mail/send-with-retry";
import { buildConfirmEmail } from "./emails";
import type { Preferences } from "./preferences";

type ConfirmDeps = Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log" | "signer">;

/**
 * A form subscriber's confirmation not yet handed over is resent by the scheduler tick once it is
 * this old (the send after the answer has finished its retries by then), and until it is this old:
 * the resend reuses the first attempt's key, which Resend remembers for 24 hours.
 */
export const UNSENT_CONFIRMATION_WINDOW = {
  minAgeMs: 10 * 60_000,
  maxAgeMs: 23 * 60 * 60_000,
};
/** Confirmations one tick resends at most (a provider outage must not turn into one long tick). */
const RESEND_LIMIT = 50;

/** One key per subscriber for the first confirmation: a resend of a maybe-accepted attempt is replayed, not mailed twice. */
const firstConfirmationKey = (subscriberId: string) => `confirm:${subscriberId}:first`;

/**
 * Mails a new subscriber's first confirmation and records it (`confirmationSentAt`, still null
 * until then: what resendUnsentConfirmations looks for). The message is rendered the same way
 * every time, under the same key, so a resend is the same request. Throws MailError.
 */
export async function sendFirstConfirmation(
  deps: ConfirmDeps,
  subscriber: { id: string; email: string; preferences: Preferences },
): Promise<void> {
  const email = await buildConfirmEmail(deps, subscriber.email, subscriber.id, subscriber.preferences);
  await sendWithRetry(deps.mailer, email, firstConfirmationKey(subscriber.id), deps.retry);
  await deps.db
    .update(subscribers)
    .set({ confirmationSentAt: deps.clock.now() })
    .where(and(eq(subscribers.id, subscriber.id), isNull(subscribers.confirmationSentAt)));
}

/** Logs a mail that could not be handed over: the subscriber's id and the kind of failure, never the address. */
export function logMailFailed(deps: Pick<Deps, "log">, subscriberId: string, mail: string, err: MailError) {
  deps.log.error("subscribe.mail_failed", {
    subscriberId,
    mail,
    kind: err.kind,
  });
}

/**
 * The scheduler tick's part (nothing silently dropped, DESIGN.md §5): resends the first
 * confirmation of form subscribers still pending whose confirmation never went out (the provider
 * down past the retries, the outbox unwritable, the process gone), created within
 * UNSENT_CONFIRMATION_WINDOW, oldest first, at most RESEND_LIMIT a tick. Idempotent: the key is
 * the subscriber's first-confirmation key. Stops at the first failure but an address refused on
 * its own (validation); the next tick tries again.
 */
export async function resendUnsentConfirmations(deps: ConfirmDeps, now: Date): Promise<{ sent: number; left: number }> {
  const rows = await deps.db
    .select({
      id: subscribers.id,
      email: subscribers.email,
      preferences: preferencesTable,
    })
    .from(subscribers)
    .innerJoin(preferencesTable, eq(preferencesTable.subscriberId, subscribers.id))
    .where(
      and(
        eq(subscribers.status, "pending"),
        eq(subscribers.origin, "form"),
        isNull(subscribers.confirmationSentAt),
        gt(subscribers.createdAt, new Date(now.getTime() - UNSENT_CONFIRMATION_WINDOW.maxAgeMs)),
        lt(subscribers.createdAt, new Date(now.getTime() - UNSENT_CONFIRMATION_WINDOW.minAgeMs)),
      ),
    )
    .orderBy(asc(subscribers.createdAt))
    .limit(RESEND_LIMIT);
  let sent = 0;
  for (const {
    id,
    email,
    preferences: { subscriberId: _s, ...preferences },
  } of rows) {
    try {
      await sendFirstConfirmation(deps, { id, email, preferences });
      sent++;
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      logMailFailed(deps, id, "confirm", err);
      // Refused for this message alone (its address): the ones behind it still go. Anything else
      // (down, rate, quota, key) would refuse them too: the next tick tries again.
      if (err.kind !== "validation") break;
    }
  }
  const left = rows.length - sent;
  if (rows.length) deps.log.info("subscribe.confirmations_resent", { sent, left });
  return { sent, left };
}
