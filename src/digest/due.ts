import { and, between, eq, getTableColumns, gt, sql } from "drizzle-orm";
import { deliveries, preferences, subscribers } from "../../db/schema";
import type { Db } from "../../db/client";
import type { Logger } from "../log";
import type { Preferences } from "../subscribers/preferences";
import { ledgerId } from "./ledger-id";
import { localTime, minutesIntoWeek, slotHasArrived, type LocalTime } from "./local-time";

/**
 * How late a missed slot may still be sent: a slot whose local week has ended is caught up at
 * the next tick up to this long after it (README "Catch-up"). Within its own local ISO week a
 * slot is always caught up, as before; this limit only decides the slots at the end of a week.
 */
export const CATCH_UP_MS = 24 * 60 * 60_000;
/** A digest composed more than this long after its slot is logged as late (ticks are 15 minutes apart). */
const LATE_AFTER_MINUTES = 60;

export interface DueSubscriber {
  id: string;
  email: string;
  prefs: Preferences;
  /** The local ISO week of the slot being served: the ledger period of this digest. */
  period: string;
  /** When their previous sent digest was composed (null: this is their first). */
  previousComposedAt: Date | null;
  /** Their timezone's offset from UTC now, in minutes. */
  offsetMinutes: number;
}

export interface DueOptions {
  log?: Pick<Logger, "warn">;
  /**
   * Write a `skipped` ledger row ("too late") for each slot missed by more than CATCH_UP_MS, and
   * log how many: once per slot, as the row then exists. Off for dry runs, which write nothing.
   */
  recordTooLate?: boolean;
  /** Only subscribers whose id lies in this range, both ends included (see SubscriberSlice). */
  slice?: SubscriberSlice;
}

/**
 * An inclusive range of subscriber ids, in the order the due query pages them (text order of
 * `subscribers.id`): the part of the week one Workers queue message runs (runDigest's `slice`).
 */
export interface SubscriberSlice {
  fromId: string;
  toId: string;
}

/**
 * Streams confirmed, unpaused subscribers whose slot is due and who have no digest row for that
 * slot's week (DESIGN.md §4), in pages in id order, so memory stays flat. The slot served is this
 * local week's once it has arrived (however late: a tick missed while the service was down is
 * caught up by the next one, still once: the ledger row decides); before it arrives, last week's
 * slot if it was missed and is at most CATCH_UP_MS old (issue 17: a Sunday 23:00 slot missed
 * across midnight was lost when the local week rolled over). Later than that it is skipped, with
 * a ledger row and a log line (see DueOptions). Digests going out over an hour late are logged.
 */
export async function* dueSubscribers(
  db: Db,
  now: Date,
  pageSize = 1000,
  opts: DueOptions = {},
): AsyncGenerator<DueSubscriber[]> {
  const zones = new Map<string, Zone>();
  const zone = (tz: string) => zones.get(tz) ?? zones.set(tz, zoneAt(now, tz)).get(tz)!;
  // Every timezone's current and previous ISO weeks are among the weeks at the two ends of the offset range.
  const ends = [now, new Date(now.getTime() - 7 * 86_400_000)].flatMap((t) => [
    localTime(t, "Etc/GMT+12").isoWeek,
    localTime(t, "Etc/GMT-14").isoWeek,
  ]);
  const periods = [...new Set(ends)].sort(); // "2026-W09" < "2026-W10": ISO weeks sort as text
  let after = "";
  for (;;) {
    const rows = await readPage(db, { after, pageSize, periods, now: now.getTime(), slice: opts.slice });
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    const due: DueSubscriber[] = [];
    const late = { count: 0, maxMinutes: 0 };
    const tooLate: { id: string; period: string }[] = [];
    for (const row of rows) {
      if (row.pausedUntil !== null && row.pausedUntil > now) continue;
      const { prefs } = row;
      const z = zone(prefs.timezone);
      const had = row.planned?.split(",") ?? [];
      const slot = slotToServe(z, prefs);
      if (slot.period && had.includes(slot.period)) continue;
      // Last week's slot is caught up only for someone it was meant for (confirmed, not paused, at the slot).
      const missed = slot.period !== z.now.isoWeek && missedBySubscriber(row, prefs, z.previousWeek);
      if (slot.period === z.previousWeek && !missed) continue;
      if (slot.period) {
        const previousComposedAt = row.previous === null ? null : new Date(row.previous);
        due.push({
          id: row.id,
          email: row.email,
          prefs,
          period: slot.period,
          previousComposedAt,
          offsetMinutes: z.now.offsetMinutes,
        });
        if (slot.lateMinutes > LATE_AFTER_MINUTES && (row.previous !== null || slot.period !== z.now.isoWeek)) {
          late.count++;
          late.maxMinutes = Math.max(late.maxMinutes, slot.lateMinutes);
        }
      } else if (!had.includes(z.previousWeek) && missed) {
        tooLate.push({ id: row.id, period: z.previousWeek });
      }
    }
    if (late.count) opts.log?.warn("digest.late", { count: late.count, maxLateMinutes: late.maxMinutes });
    if (tooLate.length && opts.recordTooLate) await recordTooLate(db, tooLate, now, opts.log);
    if (due.length) yield due;
    if (rows.length < pageSize) return;
  }
}

/** A timezone's wall clock now and 24 hours ago, and the label of its previous ISO week. */
interface Zone {
  now: LocalTime;
  catchUpStart: LocalTime;
  previousWeek: string;
}

function zoneAt(now: Date, tz: string): Zone {
  const at = localTime(now, tz);
  const catchUpStart = localTime(new Date(now.getTime() - CATCH_UP_MS), tz);
  const previousWeek =
    catchUpStart.isoWeek !== at.isoWeek
      ? catchUpStart.isoWeek
      : localTime(new Date(now.getTime() - 7 * 86_400_000), tz).isoWeek;
  return { now: at, catchUpStart, previousWeek };
}

/**
 * Which week's slot is due now, and how many minutes after the slot that is; `period` is null
 * when none is (this week's slot is still ahead and last week's is done or too old). Last week's
 * slot is within the limit exactly when 24 hours ago was still in that week, before the slot.
 */
function slotToServe(
  z: Zone,
  prefs: Pick<Preferences, "sendWeekday" | "sendHour">,
): { period: string | null; lateMinutes: number } {
  const slotMinutes = minutesIntoWeek({ weekday: prefs.sendWeekday, hour: prefs.sendHour });
  if (slotHasArrived(z.now, prefs.sendWeekday, prefs.sendHour))
    return { period: z.now.isoWeek, lateMinutes: minutesIntoWeek(z.now) - slotMinutes };
  const withinLimit =
    z.catchUpStart.isoWeek === z.previousWeek && !slotHasArrived(z.catchUpStart, prefs.sendWeekday, prefs.sendHour);
  if (withinLimit) return { period: z.previousWeek, lateMinutes: 7 * 24 * 60 + minutesIntoWeek(z.now) - slotMinutes };
  return { period: null, lateMinutes: 0 };
}

/** Whether last week's slot fell while this person was confirmed and not paused: only then was it missed. */
function missedBySubscriber(
  row: Pick<PageRow, "confirmedAt" | "pausedUntil">,
  prefs: Preferences,
  previousWeek: string,
): boolean {
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

/** Skipped rows for slots missed beyond the limit; logs how many this call wrote (a concurrent run's rows stay). */
async function recordTooLate(
  db: Db,
  missed: { id: string; period: string }[],
  now: Date,
  log: DueOptions["log"],
): Promise<void> {
  let written = 0;
  // Ten rows (80 parameters) per statement: D1 refuses more than 100.
  for (let i = 0; i < missed.length; i += 10) {
    const rows = missed.slice(i, i + 10).map((m) => ({
      id: ledgerId(),
      subscriberId: m.id,
      kind: "digest",
      period: m.period,
      status: "skipped" as const,
      error: "too late: the slot was missed by more than the catch-up limit",
      createdAt: now,
      updatedAt: now,
    }));
    written += (await db.insert(deliveries).values(rows).onConflictDoNothing().returning({ id: deliveries.id })).length;
  }
  if (written) log?.warn("digest.slot_too_late", { count: written, limitHours: CATCH_UP_MS / 3_600_000 });
}

/** One subscriber of a page, as readPage gives it. */
type PageRow = Awaited<ReturnType<typeof readPage>>[number];

/**
 * A page of confirmed subscribers after `after` (and within the slice), in id order, with their
 * preferences and ledger checks: `planned`, this and last ISO week's (or the next one's) digest
 * periods already in the ledger, comma-separated; `previous`, when the latest digest sent for a
 * week before the latest possible current one was composed (a subscriber in the earlier week has a
 * row for it, so is not due), if by now: a digest run with `--now` ahead is not "previous".
 * `+status` keeps SQLite walking the primary key in id order rather than the status index (which
 * would sort every page).
 */
async function readPage(
  db: Db,
  page: { after: string; pageSize: number; periods: string[]; now: number; slice?: SubscriberSlice },
) {
  const { after, pageSize, periods, now, slice } = page;
  const { subscriberId: _id, emptyWeekNotes: _notes, ...prefs } = getTableColumns(preferences);
  const inPeriods = sql`(SELECT value FROM json_each(${JSON.stringify(periods)}))`;
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
    .where(
      and(
        sql`+${subscribers.status} = 'confirmed'`,
        gt(subscribers.id, after),
        slice ? between(subscribers.id, slice.fromId, slice.toId) : undefined,
      ),
    )
    .orderBy(subscribers.id)
    .limit(pageSize);
}
