import { and, eq, ne } from "drizzle-orm";
import { subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { mailNewChoices } from "./new-choices";
import { findSubscriber, type SubscriberWithPreferences } from "./store";
import { isSuppressed } from "./suppression";

type VerbDeps = Pick<Deps, "db" | "clock" | "log" | "config">;

/** Reasons offered on the unsubscribed page (kept for the operator's statistics only). */
export const UNSUBSCRIBE_REASONS = {
  too_many: "Too many emails",
  not_relevant: "The jobs weren't relevant",
  found_job: "I found a job",
  other: "Something else",
} as const;
export type UnsubscribeReason = keyof typeof UNSUBSCRIBE_REASONS;

/**
 * Unsubscribes at once, whatever the current state (pending, confirmed, paused). Idempotent:
 * a second call, a one-click POST after the page's button, or a subscriber whose data was
 * deleted all succeed and change nothing. Returns the subscriber, or null when none is stored.
 */
export async function unsubscribe(
  deps: VerbDeps,
  input: { subscriberId: string; source: "page" | "one-click" },
): Promise<SubscriberWithPreferences | null> {
  const now = deps.clock.now();
  const changed = await deps.db
    .update(subscribers)
    .set({ status: "unsubscribed", unsubscribedAt: now, pausedUntil: null, updatedAt: now, unsubscribeReason: null })
    .where(and(eq(subscribers.id, input.subscriberId), ne(subscribers.status, "unsubscribed")))
    .returning({ id: subscribers.id });
  if (changed.length)
    deps.log.info("subscriber.unsubscribed", { subscriberId: input.subscriberId, source: input.source });
  return findSubscriber(deps.db, { id: input.subscriberId });
}

/** Validates the optional reason form: a known choice and at most 500 characters of free text. */
export function parseUnsubscribeReason(
  choice: unknown,
  comment: unknown,
): { ok: true; value: string | null } | { ok: false; error: string } {
  const c = typeof choice === "string" ? choice : "";
  const text = (typeof comment === "string" ? comment : "").replace(/[\0-\x1f\x7f]+/g, " ").trim();
  if (c && !(c in UNSUBSCRIBE_REASONS)) return { ok: false, error: "Choose a reason from the list." };
  if (text.length > 500) return { ok: false, error: "Please keep the comment under 500 characters." };
  if (!c && !text) return { ok: true, value: null };
  return { ok: true, value: text ? `${c || "other"}: ${text}` : c };
}

/** Keeps the reason an unsubscribed subscriber gave. Only applies to an unsubscribed row. */
export async function recordUnsubscribeReason(
  deps: VerbDeps,
  input: { subscriberId: string; reason: string | null },
): Promise<void> {
  await deps.db
    .update(subscribers)
    .set({ unsubscribeReason: input.reason })
    .where(and(eq(subscribers.id, input.subscriberId), eq(subscribers.status, "unsubscribed")));
}

/**
 * "Resubscribe" on the unsubscribed page. The unsubscribe link travels in a header that mail
 * providers and scanners see, so holding it proves nothing: this changes nothing and only mails
 * the address a link that subscribes it again, with its previous preferences, when followed
 * (issue 16.3). Only an unsubscribed subscriber is mailed; pending and confirmed ones are left
 * alone (a pending one never becomes confirmed this way). A suppressed address is refused.
 * The caller rate-limits. Throws MailError.
 */
export async function requestResubscribe(
  deps: Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log" | "signer" | "suppressionKeys">,
  subscriberId: string,
): Promise<void> {
  const found = await findSubscriber(deps.db, { id: subscriberId });
  if (!found)
    throw new AppError(
      "NOT_FOUND",
      "This subscription's data was deleted. You can subscribe again from the home page.",
    );
  if (await isSuppressed(deps.db, deps.suppressionKeys, found.subscriber.email)) {
    throw new AppError(
      "CONFLICT",
      "We can't send email to this address any more: earlier messages bounced or were reported as spam. Please subscribe with another address.",
    );
  }
  if (found.subscriber.status !== "unsubscribed") return;
  await mailNewChoices(deps, found, found.preferences);
}
