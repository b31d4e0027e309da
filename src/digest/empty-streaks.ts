import { and, between, eq, gte, inArray, isNull, lte, notExists, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries, emptyWeekNotes, preferences, subscribers } from "../../db/schema";
import type { Preferences } from "../subscribers/preferences";
import { weekBefore } from "../subscribers/next-digest";
import type { SubscriberSlice } from "./due";

/**
 * How recently an empty week must have been recorded to still earn a note: long enough for the
 * next tick to finish what a killed run left, short enough that nobody gets a note days late.
 */
const RECENT_MS = 2 * 86_400_000;
/** Subscribers checked per query (ids + periods stay well under D1's 100 parameters). */
const CHUNK = 30;

export interface EmptyStreak {
  subscriberId: string;
  email: string;
  prefs: Preferences;
  /** The second empty week: the note's ledger period. */
  period: string;
}

/**
 * Confirmed, unpaused subscribers with notes on whose digest for a week was skipped as empty
 * (nothing matched: `total_matches = 0`, not a suppressed address or a slot missed by too much),
 * the week before that too, and not the week before that: the streak has just reached two weeks,
 * so each run of empty weeks earns one note, and a week with a digest starts counting again.
 * Weeks without a row (paused, not yet subscribed) break a streak. Only those with no note row
 * for the week yet. With a slice (a Workers queue message), only subscribers whose id lies in it:
 * each slice's run finds its own, so the work per message stays bounded by the slice, not by the
 * empty weeks every earlier slice of the tick recorded (through `wrangler dev` at 100,000
 * subscribers, unsliced, it took ~20 ms of the first slices' D1 time and ~300 ms of the last ones').
 */
export async function findEmptyStreaks(db: Db, now: Date, slice?: SubscriberSlice): Promise<EmptyStreak[]> {
  const rows = await db
    .select({ period: deliveries.period, email: subscribers.email, prefs: preferences })
    .from(deliveries)
    .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
    .innerJoin(preferences, eq(preferences.subscriberId, deliveries.subscriberId))
    .where(
      and(
        eq(deliveries.kind, "digest"),
        eq(deliveries.status, "skipped"),
        eq(deliveries.totalMatches, 0),
        slice ? between(deliveries.subscriberId, slice.fromId, slice.toId) : undefined,
        gte(deliveries.createdAt, new Date(now.getTime() - RECENT_MS)),
        eq(subscribers.status, "confirmed"),
        or(isNull(subscribers.pausedUntil), lte(subscribers.pausedUntil, now)),
        eq(preferences.emptyWeekNotes, true),
        notExists(
          db
            .select({ one: sql`1` })
            .from(emptyWeekNotes)
            .where(
              and(
                eq(emptyWeekNotes.subscriberId, deliveries.subscriberId),
                eq(emptyWeekNotes.period, deliveries.period),
              ),
            ),
        ),
      ),
    )
    .orderBy(deliveries.subscriberId, deliveries.period);
  const candidates = rows.map(({ period, email, prefs: { subscriberId, emptyWeekNotes: _on, ...prefs } }) => ({
    subscriberId,
    email,
    period,
    prefs,
  }));
  const streaks: EmptyStreak[] = [];
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK);
    const empty = await emptyWeeksOf(db, chunk);
    for (const c of chunk) {
      const before = weekBefore(c.period);
      if (empty.has(`${c.subscriberId}|${before}`) && !empty.has(`${c.subscriberId}|${weekBefore(before)}`))
        streaks.push(c);
    }
  }
  return streaks;
}

/** `subscriber|period` of each empty week among the two weeks before each candidate's week. */
async function emptyWeeksOf(db: Db, chunk: { subscriberId: string; period: string }[]): Promise<Set<string>> {
  const earliest = chunk.map((c) => weekBefore(weekBefore(c.period))).sort()[0]!;
  const ids = [...new Set(chunk.map((c) => c.subscriberId))];
  const rows = await db
    .select({ subscriberId: deliveries.subscriberId, period: deliveries.period })
    .from(deliveries)
    .where(
      and(
        inArray(deliveries.subscriberId, ids),
        eq(deliveries.kind, "digest"),
        gte(deliveries.period, earliest),
        eq(deliveries.status, "skipped"),
        eq(deliveries.totalMatches, 0),
      ),
    );
  return new Set(rows.map((r) => `${r.subscriberId}|${r.period}`));
}
