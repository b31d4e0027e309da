import { formatHour, WEEKDAYS } from "../domain/schedule";
import type { Preferences } from "./preferences";

/** The local ISO weekday (1–7) and hour of an instant in a timezone. */
export function localWeekdayHour(at: Date, timezone: string): { weekday: number; hour: number } {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone: timezone, weekday: "short", hour: "numeric", hourCycle: "h23" }).formatToParts(at);
  const weekdayName = parts.find((p) => p.type === "weekday")?.value ?? "Mon";
  const hour = Number(parts.find((p) => p.type === "hour")?.value ?? 0);
  const weekday = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"].indexOf(weekdayName) + 1;
  return { weekday, hour };
}

/**
 * When the first digest arrives, in words (DESIGN.md §4): if this week's slot has already passed
 * in the subscriber's timezone, the next scheduler tick sends a first digest at once.
 */
export function describeFirstDigest(p: Preferences, now: Date): string {
  const { weekday, hour } = localWeekdayHour(now, p.timezone);
  const slot = `${WEEKDAYS[p.sendWeekday - 1]} at ${formatHour(p.sendHour)} (${p.timezone})`;
  const passed = weekday > p.sendWeekday || (weekday === p.sendWeekday && hour >= p.sendHour);
  return passed ? `within the next 15 minutes, then every ${slot}` : `on ${slot}, then every week at that time`;
}
