import { and, between, eq, getTableColumns, gt, sql } from "drizzle-orm";
import { preferences, subscribers } from "../../db/schema";
import type { Db } from "../../db/client";
import type { Logger } from "../log";
import type { Preferences } from "../subscribers/preferences";
import { insertSkipped, type SkippedDigest } from "./ledger";
import { localTime, minutesIntoWeek, slotHasArrived, type LocalTime } from "./local-time";

/** A slot missed as its local week ended is still caught up this long after it (README "Catch-up"). */
export const CATCH_UP_MS = 24 * 60 * 60_000;
/** A digest composed this long after its slot is logged as late (ticks are 15 minutes apart). */
const LATE_AFTER_MINUTES = 60;
const WEEK_MS = 7 * 86_400_000;
const TOO_LATE = "too late: the slot was missed by more than the catch-up limit";

export interface DueSubscriber {
  id: string;
  email: string;
  prefs: Preferences;
  /** The local ISO week of the slot served: the digest's ledger period. */
  period: string;
  /** When their previous sent digest was composed (null: this is their first). */
  previousComposedAt: Date | null;
  /** Their timezone's offset from UTC now, in minutes. */
  offsetMinutes: number;
}

/** Subscriber ids from `fromId` to `toId` in text order: the part of the week one Workers queue message runs. */
export type SubscriberSlice = { fromId: string; toId: string };

/**
 * Confirmed, unpaused subscribers whose slot is due and who have no digest row for its week
 * (DESIGN.md §4), a page at a time in id order. The slot served is this local week's once it has
 * arrived, however late (a tick missed while down is caught up, still once); before that, last
 * week's if they missed it less than CATCH_UP_MS ago (issue 17). An older missed slot gets a
 * `skipped` row (`recordTooLate`; dry runs write nothing) and a log line, so once.
 */
export async function* dueSubscribers(
  db: Db,
  now: Date,
  opts: { log?: Pick<Logger, "warn">; recordTooLate?: boolean; slice?: SubscriberSlice; pageSize?: number } = {},
): AsyncGenerator<DueSubscriber[]> {
  const { pageSize = 1000 } = opts;
  const zones = new Map<string, Zone>();
  // Every timezone's current and previous ISO weeks are among the weeks at the two ends of the offset range.
  const ends = [now, new Date(now.getTime() - WEEK_MS)].flatMap((t) => [
    localTime(t, "Etc/GMT+12").isoWeek,
    localTime(t, "Etc/GMT-14").isoWeek,
  ]);
  const periods = [...new Set(ends)].sort(); // ISO weeks sort as text
  let after = "";
  for (;;) {
    const rows = await readPage(db, { after, pageSize, periods, now: now.getTime(), slice: opts.slice });
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    const due: DueSubscriber[] = [];
    const late = { count: 0, maxLateMinutes: 0 };
    const tooLate: SkippedDigest[] = [];
    for (const row of rows) {
      if (row.pausedUntil !== null && row.pausedUntil > now) continue;
      // Confirmed after `now` (a run with --now in the past): not yet a subscriber at that moment.
      if (row.confirmedAt !== null && row.confirmedAt > now) continue;
      const { prefs } = row;
      let z = zones.get(prefs.timezone);
      if (!z) zones.set(prefs.timezone, (z = zoneAt(now, prefs.timezone)));
      const had = row.planned?.split(",") ?? [];
      const slot = slotToServe(z, prefs);
      if (slot.period && had.includes(slot.period)) continue;
      // Last week's slot is caught up only for someone it was meant for (confirmed, not paused, at the slot).
      const missed = slot.period !== z.now.isoWeek && missedBySubscriber(row, prefs, z.previousWeek);
      if (slot.period === z.previousWeek && !missed) continue;
      if (slot.period) {
        const previousComposedAt = row.previous === null ? null : new Date(row.previous);
        const { id, email } = row;
        due.push({ id, email, prefs, period: slot.period, previousComposedAt, offsetMinutes: z.now.offsetMinutes });
        if (slot.lateMinutes > LATE_AFTER_MINUTES && (row.previous !== null || slot.period !== z.now.isoWeek)) {
          late.count++;
          late.maxLateMinutes = Math.max(late.maxLateMinutes, slot.lateMinutes);
        }
      } else if (!had.includes(z.previousWeek) && missed) {
        tooLate.push({ subscriberId: row.id, period: z.previousWeek, error: TOO_LATE });
      }
    }
    if (late.count) opts.log?.warn("digest.late", late);
    const written = opts.recordTooLate ? await insertSkipped(db, tooLate, now) : [];
    if (written.length)
      opts.log?.warn("digest.slot_too_late", { count: written.length, limitHours: CATCH_UP_MS / 3600_000 });
    if (due.length) yield due;
    if (rows.length < pageSize) return;
  }
}

/** A timezone's wall clock now and 24 hours ago, and the label of its previous ISO week. */
type Zone = { now: LocalTime; catchUpStart: LocalTime; previousWeek: string };

function zoneAt(now: Date, tz: string): Zone {
  const at = localTime(now, tz);
  const catchUpStart = localTime(new Date(now.getTime() - CATCH_UP_MS), tz);
  const previousWeek =
    catchUpStart.isoWeek !== at.isoWeek
      ? catchUpStart.isoWeek
      : localTime(new Date(now.getTime() - WEEK_MS), tz).isoWeek;
  return { now: at, catchUpStart, previousWeek };
}

/**
 * Which week's slot is due now (null: none) and how late it is, in minutes. Last week's slot is
 * within the limit exactly when 24 hours ago was still in that week, before the slot.
 */
function slotToServe(z: Zone, prefs: Preferences): { period: string | null; lateMinutes: number } {
  const { sendWeekday: weekday, sendHour: hour } = prefs;
  const slotMinutes = minutesIntoWeek({ weekday, hour });
  if (slotHasArrived(z.now, weekday, hour))
    return { period: z.now.isoWeek, lateMinutes: minutesIntoWeek(z.now) - slotMinutes };
  if (z.catchUpStart.isoWeek === z.previousWeek && !slotHasArrived(z.catchUpStart, weekday, hour))
    return { period: z.previousWeek, lateMinutes: 7 * 24 * 60 + minutesIntoWeek(z.now) - slotMinutes };
  return { period: null, lateMinutes: 0 };
}

/** Whether last week's slot fell while this person was confirmed and not paused: only then was it missed. */
function missedBySubscriber(row: PageRow, prefs: Preferences, previousWeek: string): boolean {
  if (row.confirmedAt === null) return false;
  const before = (t: Date) => {
    const at = localTime(t, prefs.timezone);
    return (
      at.isoWeek < previousWeek ||
      (at.isoWeek === previousWeek && !slotHasArrived(at, prefs.sendWeekday, prefs.sendHour))
    );
  };
  return before(row.confirmedAt) && (row.pausedUntil === null || before(row.pausedUntil));
}

type PageRow = Awaited<ReturnType<typeof readPage>>[number];

/**
 * Confirmed subscribers after `after` (within the slice), in id order, with their preferences,
 * `planned`: the digest periods among `periods` already in the ledger, comma-separated, and
 * `previous`: when the latest digest sent for an earlier period was composed, if by now (a run
 * with `--now` ahead is not "previous"). `+status` keeps SQLite on the primary key, in id order.
 */
async function readPage(
  db: Db,
  page: { after: string; pageSize: number; periods: string[]; now: number; slice?: SubscriberSlice },
) {
  const { after, pageSize, periods, now, slice } = page;
  const { subscriberId: _id, emptyWeekNotes: _notes, ...prefs } = getTableColumns(preferences);
  const inPeriods = sql`(SELECT value FROM json_each(${JSON.stringify(periods)}))`;
  const inSlice = slice ? between(subscribers.id, slice.fromId, slice.toId) : undefined;
  return db
    .select({
      id: subscribers.id,
      email: subscribers.email,
      pausedUntil: subscribers.pausedUntil,
      confirmedAt: subscribers.confirmedAt,
      prefs,
      planned: sql<string | null>`(SELECT group_concat(d.period) FROM deliveries d
        WHERE d.subscriber_id = ${subscribers.id} AND d.kind = 'digest' AND d.period IN ${inPeriods})`,
      previous: sql<number | null>`(SELECT d.composed_at FROM deliveries d
        WHERE d.subscriber_id = ${subscribers.id} AND d.kind = 'digest' AND d.period < ${periods.at(-1)!}
          AND d.status = 'sent' AND d.composed_at <= ${now} ORDER BY d.period DESC LIMIT 1)`,
    })
    .from(subscribers)
    .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
    .where(and(sql`+${subscribers.status} = 'confirmed'`, gt(subscribers.id, after), inSlice))
    .orderBy(subscribers.id)
    .limit(pageSize);
}
