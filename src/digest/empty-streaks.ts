import { and, between, eq, getTableColumns, gte, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inJsonList } from "../../db/json-list";
import { deliveries, emptyWeekNotes, preferences, subscribers } from "../../db/schema";
import { weekBefore } from "../subscribers/next-digest";
import type { SubscriberSlice } from "./due";

/** Older empty weeks earn no note: long enough to finish a killed run's next tick, and none arrives days late. */
const RECENT_MS = 2 * 86_400_000;

/**
 * Confirmed, unpaused subscribers with notes on whose digest was skipped as empty (`total_matches =
 * 0`) in a week (the note's period) and the week before, not the one before that: each run of empty
 * weeks earns one note when it reaches two; a week without a row (paused, not yet subscribed) breaks
 * it. Only those with no note for the week yet, and only the slice's (a Workers queue message).
 */
export async function findEmptyStreaks(db: Db, now: Date, slice?: SubscriberSlice) {
  const { subscriberId: _id, emptyWeekNotes: _notes, ...prefs } = getTableColumns(preferences);
  const candidates = await db
    .select({ subscriberId: deliveries.subscriberId, email: subscribers.email, period: deliveries.period, prefs })
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
        sql`NOT EXISTS (SELECT 1 FROM ${emptyWeekNotes} n
          WHERE n.subscriber_id = ${deliveries.subscriberId} AND n.period = ${deliveries.period})`,
      ),
    )
    .orderBy(deliveries.subscriberId, deliveries.period);
  if (candidates.length === 0) return [];
  const empty = await emptyWeeksOf(db, candidates);
  return candidates.filter(({ subscriberId, period }) => {
    const before = weekBefore(period);
    return empty.has(`${subscriberId}|${before}`) && !empty.has(`${subscriberId}|${weekBefore(before)}`);
  });
}

/** `subscriber|period` of each empty week among the two weeks before each candidate's week. */
async function emptyWeeksOf(db: Db, candidates: { subscriberId: string; period: string }[]): Promise<Set<string>> {
  const earliest = candidates.map((c) => weekBefore(weekBefore(c.period))).sort()[0]!;
  const ids = [...new Set(candidates.map((c) => c.subscriberId))];
  const rows = await db
    .select({ subscriberId: deliveries.subscriberId, period: deliveries.period })
    .from(deliveries)
    .where(
      and(
        inJsonList(deliveries.subscriberId, ids),
        eq(deliveries.kind, "digest"),
        gte(deliveries.period, earliest),
        eq(deliveries.status, "skipped"),
        eq(deliveries.totalMatches, 0),
      ),
    );
  return new Set(rows.map((r) => `${r.subscriberId}|${r.period}`));
}
