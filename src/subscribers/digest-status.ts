import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries, type SubscriberRow } from "../../db/schema";
import { loadMailed, loadPool, loadPrevious } from "../digest/load";
import { localTime } from "../digest/local-time";
import { selectForSubscriber } from "../digest/select";
import { describeFirstDigest } from "./first-digest";
import { digestWeeksDone, nextDigestPhrase, weekBefore } from "./next-digest";
import type { Preferences } from "./preferences";

export interface DigestStatus {
  /** What the latest weeks did, in words ("Last week nothing new matched your filters, …"), or null. */
  lately: string | null;
  /** When the next digest is due, and whether anything would be in it now. */
  next: string;
  /** The same for someone who has had no digest yet, following "Your first digest arrives". */
  first: string;
}

/**
 * What actually happened to a subscriber's digest and what comes next (issue 18.5), for the
 * /digest/TOKEN page: empty weeks are named (the run records them as skipped with no matches),
 * and the next one is dated by the scheduler's rule, with "right now none does" when a digest
 * composed now would be empty.
 */
export async function digestStatus(
  db: Db,
  subscriber: Pick<SubscriberRow, "id" | "pausedUntil">,
  p: Preferences,
  now: Date,
): Promise<DigestStatus> {
  const [recent, weeksDone, matchesNow] = await Promise.all([
    db
      .select({ period: deliveries.period, status: deliveries.status, totalMatches: deliveries.totalMatches })
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, subscriber.id), eq(deliveries.kind, "digest")))
      .orderBy(desc(deliveries.period))
      .limit(12),
    digestWeeksDone(db, subscriber.id, p.timezone, now),
    countNewMatches(db, subscriber.id, p, now),
  ]);
  const thisWeek = localTime(now, p.timezone).isoWeek;
  // Only weeks in a row up to now: a week with no row (paused, unsubscribed) ends the run of empty
  // weeks, and a row for a week still to come (a run with --now ahead) did not happen yet.
  const past = recent.filter((r) => r.period <= thisWeek);
  let week = past[0]?.period === thisWeek ? thisWeek : weekBefore(thisWeek);
  let empty = 0;
  for (const r of past) {
    if (r.period !== week || r.status !== "skipped" || r.totalMatches !== 0) break;
    empty++;
    week = weekBefore(week);
  }
  const lately =
    empty === 0
      ? null
      : empty === 1
        ? `${past[0]!.period === thisWeek ? "This week" : "Last week"} nothing new matched your filters, so no email was sent.`
        : `Nothing new matched your filters in each of the last ${empty} weeks, so no email was sent.`;
  const facts = { pausedUntil: subscriber.pausedUntil, weeksDone, matchesNow };
  const when = nextDigestPhrase(p, now, facts);
  const next =
    matchesNow === 0
      ? `Your next digest is due ${when} if any listing matches your filters; right now none does.`
      : `Your next digest is due ${when}.`;
  return { lately, next, first: describeFirstDigest(p, now, facts) };
}

/** How many listings a digest composed now would hold for this subscriber (new since their last one, never mailed). */
async function countNewMatches(db: Db, subscriberId: string, p: Preferences, now: Date): Promise<number> {
  const [pool, previousComposedAt] = await Promise.all([
    loadPool(db),
    loadPrevious(db, subscriberId, localTime(now, p.timezone).isoWeek, now),
  ]);
  const mailed = await loadMailed(db, subscriberId, subscriberId, pool);
  return selectForSubscriber(pool, {
    prefs: p,
    now,
    previousComposedAt,
    mailedFingerprints: mailed.get(subscriberId) ?? new Set(),
  }).all.length;
}
