import { and, asc, eq, gt, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { preferences, subscribers } from "../../db/schema";
import type { Preferences } from "../subscribers/preferences";
import { localTime, slotHasArrived, type LocalTime } from "./local-time";

export interface DueSubscriber {
  id: string;
  email: string;
  prefs: Preferences;
  /** Their local ISO week: the ledger period of this digest. */
  period: string;
  /** When their previous sent digest was composed (null: this is their first). */
  previousComposedAt: Date | null;
  /** Their timezone's offset from UTC now, in minutes. */
  offsetMinutes: number;
}

/**
 * Streams confirmed, unpaused subscribers whose chosen weekday and hour have arrived in their own
 * timezone this local ISO week and who have no digest row for that week (DESIGN.md §4), in pages
 * in id order, so memory stays flat and each page's history is one range of the ledger's index.
 * One pass over confirmed subscribers, with the ledger checks as index lookups per row; the
 * weekday, hour and pause checks are done here per timezone (computed once each). A tick missed
 * while the service was down is caught up by the next one, still once: the ledger row decides.
 */
export async function* dueSubscribers(db: Db, now: Date, pageSize = 1000): AsyncGenerator<DueSubscriber[]> {
  const zones = new Map<string, LocalTime>();
  const local = (tz: string) => zones.get(tz) ?? zones.set(tz, localTime(now, tz)).get(tz)!;
  // Every timezone's current ISO week is one of the weeks at the two ends of the offset range.
  const periods = [...new Set([localTime(now, "Etc/GMT+12").isoWeek, localTime(now, "Etc/GMT-14").isoWeek])];
  const inPeriods = sql.join(periods.map((p) => sql`${p}`), sql`, `);
  let after = "";
  for (;;) {
    const rows = await db
      .select({
        id: subscribers.id,
        email: subscribers.email,
        pausedUntil: subscribers.pausedUntil,
        p: preferences,
        planned: sql<string | null>`(SELECT group_concat(d.period) FROM deliveries d WHERE d.subscriber_id = ${subscribers.id} AND d.kind = 'digest' AND d.period IN (${inPeriods}))`,
        previous: sql<number | null>`(SELECT max(d.composed_at) FROM deliveries d WHERE d.subscriber_id = ${subscribers.id} AND d.kind = 'digest' AND d.status = 'sent')`,
      })
      .from(subscribers)
      .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
      // `+status`: walk the primary key in id order rather than the status index (which would sort every page).
      .where(and(sql`+${subscribers.status} = 'confirmed'`, gt(subscribers.id, after)))
      .orderBy(asc(subscribers.id))
      .limit(pageSize);
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    const due: DueSubscriber[] = [];
    for (const row of rows) {
      if (row.pausedUntil && row.pausedUntil.getTime() > now.getTime()) continue;
      const { subscriberId: _id, ...prefs } = row.p;
      const at = local(prefs.timezone);
      if (!slotHasArrived(at, prefs.sendWeekday, prefs.sendHour)) continue;
      if (row.planned?.split(",").includes(at.isoWeek)) continue;
      due.push({ id: row.id, email: row.email, prefs, period: at.isoWeek, previousComposedAt: row.previous === null ? null : new Date(row.previous), offsetMinutes: at.offsetMinutes });
    }
    if (due.length) yield due;
    if (rows.length < pageSize) return;
  }
}
