import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries } from "../../db/schema";
import { localTime, slotHasArrived } from "../digest/local-time";
import type { Preferences } from "./preferences";

type Slot = Pick<Preferences, "timezone" | "sendWeekday" | "sendHour">;

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

export interface NextDigest {
  /** When the scheduler will next find them due (a tick runs every 15 minutes). */
  at: Date;
  /** True when it is due at the first tick from `at` (this week's slot has passed without a digest). */
  atNextTick: boolean;
}

/**
 * When the next digest comes, by the scheduler's own rule (digest/due.ts): once this local week's
 * slot has arrived, a subscriber with no digest for this week is due at the next tick; otherwise
 * the slot comes on the chosen weekday and hour. A pause moves the start to its end.
 */
export function nextDigest(slot: Slot, input: { now: Date; pausedUntil: Date | null; hadDigestThisWeek: boolean }): NextDigest {
  const paused = input.pausedUntil !== null && input.pausedUntil > input.now;
  const from = paused ? input.pausedUntil! : input.now;
  const local = localTime(from, slot.timezone);
  const weekServed = input.hadDigestThisWeek && (!paused || local.isoWeek === localTime(input.now, slot.timezone).isoWeek);
  if (slotHasArrived(local, slot.sendWeekday, slot.sendHour) && !weekServed) return { at: from, atNextTick: true };
  return { at: nextSlotAt(slot, from), atNextTick: false };
}

/** Whether a digest row exists for the subscriber's current local week (any status: the week is taken). */
export async function hadDigestThisWeek(db: Db, subscriberId: string, timezone: string, now: Date): Promise<boolean> {
  const period = localTime(now, timezone).isoWeek;
  const rows = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(deliveries.kind, "digest"), eq(deliveries.period, period)))
    .limit(1);
  return rows.length > 0;
}
