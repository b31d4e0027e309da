import { and, eq, lt, ne } from "drizzle-orm";
import { preferenceRequests, preferences as preferencesTable, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { sendWithRetry } from "../mail/send-with-retry";
import { buildNewChoicesEmail, buildWelcomeEmail } from "./emails";
import type { Preferences } from "./preferences";
import { findSubscriber, type SubscriberWithPreferences } from "./store";
import { isSuppressed } from "./suppression";

/** How long a mailed "use these choices" link works. */
export const NEW_CHOICES_TTL_MS = 7 * 24 * 60 * 60_000;

type VerbDeps = Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log" | "signer" | "suppressionKeys">;

/**
 * Keeps new choices for a known subscriber without applying them and mails the address a link
 * that does (issue 16.3: nobody changes someone's filters, or subscribes them, with the address
 * alone). `confirm` mode when the subscriber does not get the digest now. Throws MailError.
 */
export async function mailNewChoices(
  deps: VerbDeps,
  found: SubscriberWithPreferences,
  choices: Preferences,
): Promise<void> {
  const id = found.subscriber.id;
  const requestId = crypto.randomUUID();
  await deps.db
    .insert(preferenceRequests)
    .values({ id: requestId, subscriberId: id, preferences: choices, createdAt: deps.clock.now() });
  const mode = found.subscriber.status === "confirmed" ? "change" : "confirm";
  const email = await buildNewChoicesEmail(deps, found.subscriber.email, {
    subscriberId: id,
    requestId,
    choices,
    mode,
  });
  await sendWithRetry(deps.mailer, email, `choices:${requestId}`, deps.retry);
  deps.log.info("subscribe.choices_link_sent", { subscriberId: id, mode });
}

/** A stored request that has not expired, with its subscriber; null when used, expired or gone. */
export async function findNewChoices(
  deps: Pick<Deps, "db" | "clock">,
  requestId: string,
): Promise<{ choices: Preferences; found: SubscriberWithPreferences } | null> {
  const [request] = await deps.db
    .select()
    .from(preferenceRequests)
    .where(eq(preferenceRequests.id, requestId))
    .limit(1);
  if (!request || deps.clock.now().getTime() - request.createdAt.getTime() > NEW_CHOICES_TTL_MS) return null;
  const found = await findSubscriber(deps.db, { id: request.subscriberId });
  return found ? { choices: request.preferences, found } : null;
}

/**
 * Applies a mailed request: the choices replace the stored ones and, when the subscriber was
 * pending or unsubscribed, the subscription is confirmed (the link reached the inbox, which is
 * what double opt-in asks) and the welcome is mailed once. The request is claimed by deleting it,
 * so of two concurrent presses one applies. Throws MailError after applying if the welcome fails.
 */
export async function applyNewChoices(
  deps: VerbDeps,
  requestId: string,
): Promise<SubscriberWithPreferences & { newlyConfirmed: boolean }> {
  const pending = await findNewChoices(deps, requestId);
  if (!pending) throw usedOrExpired();
  const { found, choices } = pending;
  if (await isSuppressed(deps.db, deps.suppressionKeys, found.subscriber.email)) {
    throw new AppError(
      "CONFLICT",
      "We can't send email to this address any more: earlier messages bounced or were reported as spam.",
    );
  }
  const claimed = await deps.db
    .delete(preferenceRequests)
    .where(eq(preferenceRequests.id, requestId))
    .returning({ id: preferenceRequests.id });
  if (claimed.length === 0) throw usedOrExpired();
  const id = found.subscriber.id;
  const now = deps.clock.now();
  const [, confirmed] = await deps.db.batch([
    deps.db.update(preferencesTable).set(choices).where(eq(preferencesTable.subscriberId, id)),
    deps.db
      .update(subscribers)
      .set({
        status: "confirmed",
        confirmedAt: now,
        unsubscribedAt: null,
        unsubscribeReason: null,
        pausedUntil: null,
        updatedAt: now,
      })
      .where(and(eq(subscribers.id, id), ne(subscribers.status, "confirmed")))
      .returning({ id: subscribers.id }),
  ]);
  deps.log.info("subscriber.choices_applied", { subscriberId: id, confirmed: confirmed.length > 0 });
  const result = {
    subscriber: { ...found.subscriber, status: "confirmed" as const },
    preferences: choices,
    newlyConfirmed: confirmed.length > 0,
  };
  if (result.newlyConfirmed) {
    const welcome = await buildWelcomeEmail(deps, found.subscriber.email, id, choices);
    await sendWithRetry(deps.mailer, welcome, `welcome:${id}:${now.getTime()}`, deps.retry);
  }
  return result;
}

/** Requests older than their link's life (for the daily clean-up). */
export function expiredNewChoicesStatement(deps: Pick<Deps, "db">, now: Date) {
  return deps.db
    .delete(preferenceRequests)
    .where(lt(preferenceRequests.createdAt, new Date(now.getTime() - NEW_CHOICES_TTL_MS)));
}

const usedOrExpired = () =>
  new AppError(
    "WRONG_LINK",
    "This link was already used or has expired (links work for 7 days). Subscribe again from the home page for a new one.",
  );
