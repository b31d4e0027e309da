import type { Deps } from "../deps";
import type { SubscriberRow } from "../../db/schema";
import type { OutgoingEmail } from "../mail/mailer";
import { findSubscriber } from "../subscribers/store";
import { isSuppressed } from "../subscribers/suppression";
import { digestLinks } from "../subscribers/links";
import { composeDigestEmail, createDigestComposer } from "./compose";
import { loadMailed, loadPool, loadPrevious } from "./load";
import { localTime } from "./local-time";
import { selectForSubscriber } from "./select";

/** Why a subscriber would get no digest at all now, whatever matched; null when one would go. */
async function notMailed(deps: Pick<Deps, "db" | "suppressionKeys">, subscriber: SubscriberRow, now: Date) {
  // First, as it is for good: a hard bounce or a complaint also unsubscribes, and "unsubscribed"
  // alone hid that this address can never be mailed or resubscribed.
  if (await isSuppressed(deps.db, deps.suppressionKeys, subscriber.email))
    return "the address is suppressed (a bounce, a complaint or the operator)";
  if (subscriber.status === "pending") return "the address is not confirmed yet";
  if (subscriber.status === "unsubscribed") return "the subscriber unsubscribed";
  // As the weekly run (due.ts): at a --now before the confirmation they were not a subscriber yet.
  if (subscriber.confirmedAt && subscriber.confirmedAt > now)
    return `the address was confirmed later, at ${subscriber.confirmedAt.toISOString()}`;
  if (subscriber.pausedUntil && subscriber.pausedUntil > now)
    return `digests are paused until ${subscriber.pausedUntil.toISOString()}`;
  return null;
}

/**
 * The digest a subscriber would get if it were composed now, for the operator (CLI and admin
 * API). Reads only: no ledger row, no mail. Someone the weekly run would not mail (pending,
 * unsubscribed, paused, suppressed) gets no digest, and the reason says why.
 */
export async function previewDigest(
  deps: Pick<Deps, "db" | "config" | "signer" | "suppressionKeys">,
  input: { email?: string; subscriberId?: string; now: Date },
): Promise<{ email: OutgoingEmail | null; reason?: string; listings: number; totalMatches: number }> {
  const by = input.subscriberId ? { id: input.subscriberId } : { email: input.email! };
  const found = await findSubscriber(deps.db, by);
  if (!found) return { email: null, reason: "no such subscriber", listings: 0, totalMatches: 0 };
  const unmailed = await notMailed(deps, found.subscriber, input.now);
  if (unmailed) return { email: null, reason: unmailed, listings: 0, totalMatches: 0 };
  const id = found.subscriber.id;
  const period = localTime(input.now, found.preferences.timezone).isoWeek;
  const [pool, previousComposedAt] = await Promise.all([
    loadPool(deps.db),
    loadPrevious(deps.db, id, period, input.now),
  ]);
  const mailed = await loadMailed(deps.db, id, id, pool);
  const prefs = found.preferences;
  const mailedFingerprints = mailed.get(id) ?? new Set<string>();
  const { picked, all } = selectForSubscriber(pool, { prefs, now: input.now, previousComposedAt, mailedFingerprints });
  if (picked.length === 0)
    return { email: null, reason: "no new matching listings right now", listings: 0, totalMatches: 0 };
  const items = picked.map((m) => ({ row: m.candidate.row, why: m.reasons.join(" · ") }));
  const links = await digestLinks(deps, id);
  const content = { email: found.subscriber.email, prefs, links, items, totalMatches: all.length };
  const email = await composeDigestEmail(createDigestComposer(), deps.config, content);
  return { email, listings: picked.length, totalMatches: all.length };
}
