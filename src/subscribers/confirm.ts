import { and, eq } from "drizzle-orm";
import { subscribers, type SubscriberRow } from "../../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { sendWithRetry } from "../mail/send-with-retry";
import { buildConfirmEmail, buildWelcomeEmail } from "./emails";
import { findSubscriber, type SubscriberWithPreferences } from "./store";

/** How long a confirmation link works after it was mailed (issue 16.8). */
export const CONFIRMATION_TTL_MS = 7 * 24 * 60 * 60_000;

/** When the latest confirmation was mailed (rows from before the column: their last update). */
export const confirmationSentAt = (s: SubscriberRow): Date => s.confirmationSentAt ?? s.updatedAt;

/** Whether a pending subscriber's confirmation link has expired. */
export function confirmationExpired(s: SubscriberRow, now: Date): boolean {
  return s.status === "pending" && now.getTime() - confirmationSentAt(s).getTime() > CONFIRMATION_TTL_MS;
}

/**
 * Mails a pending subscriber a fresh confirmation (from the expired link's page) and restarts its
 * 7 days. Does nothing for any other status. The caller rate-limits; throws MailError.
 */
export async function resendConfirmation(
  deps: Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log" | "signer">,
  subscriberId: string,
): Promise<void> {
  const found = await findSubscriber(deps.db, { id: subscriberId });
  if (!found || found.subscriber.status !== "pending") return;
  const now = deps.clock.now();
  await deps.db.update(subscribers).set({ confirmationSentAt: now }).where(eq(subscribers.id, subscriberId));
  const email = await buildConfirmEmail(deps, found.subscriber.email, subscriberId, found.preferences);
  await sendWithRetry(deps.mailer, email, `confirm:${subscriberId}:${crypto.randomUUID()}`, deps.retry);
  deps.log.info("subscribe.confirmation_resent", { subscriberId });
}

/**
 * Confirms a pending subscription (double opt-in) and mails the welcome once. Idempotent: the
 * status change is a conditional update, so of two concurrent confirmations only one wins and
 * only that one sends the welcome. Confirming an already confirmed subscription changes nothing;
 * a link mailed more than 7 days ago confirms nothing (WRONG_LINK).
 */
export async function confirmSubscription(
  deps: Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log" | "signer">,
  subscriberId: string,
): Promise<SubscriberWithPreferences & { newlyConfirmed: boolean }> {
  const found = await findSubscriber(deps.db, { id: subscriberId });
  if (!found)
    throw new AppError("NOT_FOUND", "This subscription no longer exists. You can subscribe again from the home page.");
  if (found.subscriber.status === "unsubscribed") {
    throw new AppError(
      "WRONG_LINK",
      "This subscription was cancelled. To get the digest again, subscribe from the home page.",
    );
  }
  const now = deps.clock.now();
  if (confirmationExpired(found.subscriber, now)) {
    throw new AppError("WRONG_LINK", "This confirmation link has expired. Open it again to have a new one sent.");
  }
  const updated = await deps.db
    .update(subscribers)
    .set({ status: "confirmed", confirmedAt: now, updatedAt: now })
    .where(and(eq(subscribers.id, subscriberId), eq(subscribers.status, "pending")))
    .returning({ id: subscribers.id });
  if (updated.length === 0) return { ...found, newlyConfirmed: false };

  const welcome = await buildWelcomeEmail(deps, found.subscriber.email, subscriberId, found.preferences);
  await sendWithRetry(deps.mailer, welcome, `welcome:${subscriberId}:${now.getTime()}`, deps.retry);
  deps.log.info("subscribe.confirmed", { subscriberId });
  const subscriber = { ...found.subscriber, status: "confirmed" as const, confirmedAt: now, updatedAt: now };
  return { subscriber, preferences: found.preferences, newlyConfirmed: true };
}
