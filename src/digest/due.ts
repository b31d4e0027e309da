import { and, asc, eq, gt, isNull, lte, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries, preferences, subscribers } from "../../db/schema";
import type { Preferences } from "../subscribers/preferences";
import { localTime } from "./local-time";

export interface DueSubscriber {
  id: string;
  email: string;
  prefs: Preferences;
  /** Their local ISO week: the ledger period of this digest. */
  period: string;
}

/**
 * Streams confirmed, unpaused subscribers whose chosen weekday and hour have arrived in their own
 * timezone this local ISO week and who have no digest row for that week (DESIGN.md §4). Works one
 * timezone at a time, in pages, so memory stays flat. A tick missed while the service was down
 * is caught up by the next one, still once: the ledger row decides.
 */
export async function* dueSubscribers(db: Db, now: Date, pageSize = 1000): AsyncGenerator<DueSubscriber[]> {
  const zones = await db
    .selectDistinct({ tz: preferences.timezone })
    .from(preferences)
    .innerJoin(subscribers, eq(subscribers.id, preferences.subscriberId))
    .where(eq(subscribers.status, "confirmed"));
  for (const { tz } of zones) {
    const local = localTime(now, tz);
    let after = "";
    for (;;) {
      const rows = await db
        .select({ s: { id: subscribers.id, email: subscribers.email }, p: preferences })
        .from(subscribers)
        .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
        .where(
          and(
            eq(preferences.timezone, tz),
            eq(subscribers.status, "confirmed"),
            gt(subscribers.id, after),
            or(isNull(subscribers.pausedUntil), lte(subscribers.pausedUntil, now)),
            or(sql`${preferences.sendWeekday} < ${local.weekday}`, and(eq(preferences.sendWeekday, local.weekday), lte(preferences.sendHour, local.hour))),
            sql`NOT EXISTS (SELECT 1 FROM ${deliveries} d WHERE d.subscriber_id = ${subscribers.id} AND d.kind = 'digest' AND d.period = ${local.isoWeek})`,
          ),
        )
        .orderBy(asc(subscribers.id))
        .limit(pageSize);
      if (rows.length === 0) break;
      after = rows.at(-1)!.s.id;
      yield rows.map(({ s, p }) => {
        const { subscriberId: _id, ...prefs } = p;
        return { id: s.id, email: s.email, prefs, period: local.isoWeek };
      });
      if (rows.length < pageSize) break;
    }
  }
}
