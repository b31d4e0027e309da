import { and, eq } from "drizzle-orm";
import { subscribers, type SubscriberRow } from "../../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { digestWeeksDone, nextDigestAt, nextSlotAt } from "./next-digest";
import type { Preferences } from "./preferences";

/** The pauses a subscriber can choose, in weeks. */
export const PAUSE_WEEKS = [2, 4, 12] as const;
export type PauseWeeks = (typeof PAUSE_WEEKS)[number];

const WEEK_MS = 7 * 24 * 60 * 60 * 1000;

/**
 * Pure: true while a pause is running. The digest scheduler skips paused subscribers; once
 * `pausedUntil` has passed the subscription simply resumes (nothing has to clear the column).
 */
export function isPaused(subscriber: Pick<SubscriberRow, "pausedUntil">, now: Date): boolean {
  return subscriber.pausedUntil !== null && subscriber.pausedUntil.getTime() > now.getTime();
}

/** Parses the form's "weeks" value into one of PAUSE_WEEKS, or null. */
export function parsePauseWeeks(value: unknown): PauseWeeks | null {
  const n = Number(Array.isArray(value) ? value[0] : value);
  return (PAUSE_WEEKS as readonly number[]).includes(n) ? (n as PauseWeeks) : null;
}

/**
 * Pauses the digest for 2, 4 or 12 weeks from now (a new pause replaces a running one).
 * Only a confirmed subscription can be paused. Returns when it resumes. With the subscriber's
 * slot, the pause ends at their first slot after those weeks (issue 18.6): the digest then
 * resumes on the weekday and hour they chose, not on whatever weekday the pause began.
 */
export async function pauseSubscription(
  deps: Pick<Deps, "db" | "clock" | "log">,
  input: { subscriberId: string; weeks: PauseWeeks; slot?: Pick<Preferences, "timezone" | "sendWeekday" | "sendHour"> },
): Promise<Date> {
  const now = deps.clock.now();
  // "Pause 2 weeks" skips two digests. When this week's is still due (its slot passed before they
  // confirmed, so the next tick sends it), that one is the first skipped: counting whole weeks from
  // now would skip it and two more.
  const dueNow =
    input.slot &&
    nextDigestAt(input.slot, now, {
      weeksDone: await digestWeeksDone(deps.db, input.subscriberId, input.slot.timezone, now),
    }).now;
  const end = new Date(now.getTime() + (dueNow ? input.weeks - 1 : input.weeks) * WEEK_MS);
  const until = input.slot ? nextSlotAt(input.slot, end) : end;
  const updated = await deps.db
    .update(subscribers)
    .set({ pausedUntil: until, updatedAt: now })
    .where(and(eq(subscribers.id, input.subscriberId), eq(subscribers.status, "confirmed")))
    .returning({ id: subscribers.id });
  if (updated.length === 0) throw new AppError("CONFLICT", "Only an active subscription can be paused.");
  deps.log.info("subscriber.paused", { subscriberId: input.subscriberId, weeks: input.weeks });
  return until;
}

/** Ends a pause early. Idempotent: resuming a subscription that is not paused changes nothing. */
export async function resumeSubscription(
  deps: Pick<Deps, "db" | "clock" | "log">,
  subscriberId: string,
): Promise<void> {
  await deps.db
    .update(subscribers)
    .set({ pausedUntil: null, updatedAt: deps.clock.now() })
    .where(eq(subscribers.id, subscriberId));
  deps.log.info("subscriber.resumed", { subscriberId });
}
