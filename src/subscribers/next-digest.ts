import { and, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries } from "../../db/schema";
import { isoWeekLabel, localTime, slotHasArrived } from "../digest/local-time";
import type { Preferences } from "./preferences";

/** The scheduler's tick interval (cron/schedule.ts): a digest due now leaves at the next tick. */
export const TICK_MINUTES = 15;

type Slot = Pick<Preferences, "timezone" | "sendWeekday" | "sendHour">;

export interface NextDigest {
  /** When the digest becomes due (it leaves at the first scheduler tick from then). */
  at: Date;
  /** Due already: it leaves at the next tick. */
  now: boolean;
}

/**
 * When the scheduler will next compose this subscriber's digest, by its own rule (due.ts): once
 * their local weekday and hour have arrived in a local ISO week that has no digest row yet, the
 * next tick serves it; a paused subscriber is skipped until the pause ends. `weeksDone`: the
 * local weeks that already have a digest row (sent, skipped or in flight).
 */
export function nextDigestAt(
  p: Slot,
  now: Date,
  opts: { pausedUntil?: Date | null; weeksDone?: ReadonlySet<string> } = {},
): NextDigest {
  let from = opts.pausedUntil && opts.pausedUntil > now ? opts.pausedUntil : now;
  for (let week = 0; week < 3; week++) {
    const local = localTime(from, p.timezone);
    // A week that already has its digest (even if the slot was moved later in it) sends nothing more.
    if (!opts.weeksDone?.has(local.isoWeek)) {
      if (!slotHasArrived(local, p.sendWeekday, p.sendHour)) {
        return { at: wallClockInstant(p.timezone, local, p.sendWeekday - local.weekday, p.sendHour), now: false };
      }
      return { at: from, now: from === now };
    }
    from = wallClockInstant(p.timezone, local, 8 - local.weekday, 0); // Monday 00:00 of the next local week
  }
  return { at: from, now: false };
}

/** "within the next 15 minutes", or "on Monday 14 December at 08:00 (Europe/Lisbon)". */
export function nextDigestWords(next: NextDigest, timeZone: string): string {
  if (next.now) return `within the next ${TICK_MINUTES} minutes`;
  const day = new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long" }).format(
    next.at,
  );
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(next.at);
  return `on ${day} at ${time} (${timeZone})`;
}

/** The local ISO weeks around `now` (this one and the next) that already have a digest row for this subscriber. */
export async function digestWeeksDone(db: Db, subscriberId: string, timeZone: string, now: Date): Promise<Set<string>> {
  const here = localTime(now, timeZone);
  const nextWeek = localTime(new Date(now.getTime() + 7 * 86_400_000), timeZone).isoWeek;
  const rows = await db
    .select({ period: deliveries.period })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.subscriberId, subscriberId),
        eq(deliveries.kind, "digest"),
        inArray(deliveries.period, [here.isoWeek, nextWeek]),
      ),
    );
  return new Set(rows.map((r) => r.period));
}

/** A local calendar date `days` after `local`'s, at `hour`:00 in `timeZone`, as an instant. */
function wallClockInstant(
  timeZone: string,
  local: { year: number; month: number; day: number },
  days: number,
  hour: number,
): Date {
  const wanted = Date.UTC(local.year, local.month - 1, local.day + days, hour);
  // The offset at the wall-clock time read as UTC, then at the first guess: right across a DST change.
  let at = wanted - localTime(new Date(wanted), timeZone).offsetMinutes * 60_000;
  at = wanted - localTime(new Date(at), timeZone).offsetMinutes * 60_000;
  return new Date(at);
}

/** The ISO week before `label` ("2026-W01" → "2025-W53" or "-W52"). */
export function weekBefore(label: string): string {
  const [year, week] = label.split("-W").map(Number) as [number, number];
  const jan4 = Date.UTC(year, 0, 4);
  const monday = jan4 - ((new Date(jan4).getUTCDay() + 6) % 7) * 86_400_000 + (week - 1) * 7 * 86_400_000;
  const before = new Date(monday - 7 * 86_400_000);
  return isoWeekLabel(before.getUTCFullYear(), before.getUTCMonth() + 1, before.getUTCDate());
}

/**
 * The first instant at or after `from` that is the subscriber's chosen weekday and hour in their
 * timezone (the wall-clock time, corrected once for a summer-time change in between).
 */
export function nextSlotAt(slot: Slot, from: Date): Date {
  const local = localTime(from, slot.timezone);
  let days = (slot.sendWeekday - local.weekday + 7) % 7;
  if (days === 0 && (local.hour > slot.sendHour || (local.hour === slot.sendHour && local.minute > 0))) days = 7;
  const wall = Date.UTC(local.year, local.month - 1, local.day + days, slot.sendHour);
  const guess = new Date(wall - local.offsetMinutes * 60_000);
  return new Date(wall - localTime(guess, slot.timezone).offsetMinutes * 60_000);
}

/**
 * When the next digest comes, in words, by the scheduler's rule: nextDigestWords, with ", once your
 * pause ends" while paused, so the later date never reads as a week skipped for no reason.
 */
export function nextDigestPhrase(
  p: Slot,
  now: Date,
  facts: { pausedUntil?: Date | null; weeksDone?: ReadonlySet<string> } = {},
): string {
  const paused = facts.pausedUntil && facts.pausedUntil > now ? ", once your pause ends" : "";
  return `${nextDigestWords(nextDigestAt(p, now, facts), p.timezone)}${paused}`;
}
