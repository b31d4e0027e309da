import { and, eq } from "drizzle-orm";
import { subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { sendWithRetry } from "../mail/send-with-retry";
import { buildWelcomeEmail } from "./emails";
import { findSubscriber, type SubscriberWithPreferences } from "./store";

/**
 * Confirms a pending subscription (double opt-in) and mails the welcome once. Idempotent: the
 * status change is a conditional update, so of two concurrent confirmations only one wins and
 * only that one sends the welcome. Confirming an already confirmed subscription changes nothing.
 */
export async function confirmSubscription(
  deps: Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log">,
  subscriberId: string,
): Promise<SubscriberWithPreferences & { newlyConfirmed: boolean }> {
  const found = await findSubscriber(deps.db, { id: subscriberId });
  if (!found) throw new AppError("NOT_FOUND", "This subscription no longer exists. You can subscribe again from the home page.");
  if (found.subscriber.status === "unsubscribed") {
    throw new AppError("WRONG_LINK", "This subscription was cancelled. To get the digest again, subscribe from the home page.");
  }
  const now = deps.clock.now();
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
