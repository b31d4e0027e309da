import { localTime, slotHasArrived } from "../digest/local-time";
import { formatHour, WEEKDAYS } from "../domain/schedule";
import type { Preferences } from "./preferences";

/**
 * When the first digest arrives, in words (DESIGN.md §4): if this week's slot has already passed
 * in the subscriber's timezone, the next scheduler tick sends a first digest at once. Uses the
 * scheduler's own clock arithmetic, so the page never promises what the scheduler won't do.
 */
export function describeFirstDigest(p: Preferences, now: Date): string {
  const slot = `${WEEKDAYS[p.sendWeekday - 1]} at ${formatHour(p.sendHour)} (${p.timezone})`;
  return slotHasArrived(localTime(now, p.timezone), p.sendWeekday, p.sendHour)
    ? `within the next 15 minutes, then every ${slot}`
    : `on ${slot}, then every week at that time`;
}
