const PARTS = { year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" } as const;
// A formatter per call (~0.15 ms), not a module-level cache (STYLE §24: on Workers a module outlives its
// request). The weekly run calls this a few times per timezone (due.ts keeps one Zone per timezone).
const formatter = (timeZone: string) => new Intl.DateTimeFormat("en-US", { ...PARTS, hourCycle: "h23", timeZone });

/**
 * Wall-clock facts about an instant in a timezone, and the ISO week they fall in: `weekday` 1 =
 * Monday … 7 = Sunday, `isoWeek` e.g. "2026-W48", `offsetMinutes` east of UTC at this instant.
 */
export function localTime(at: Date, timeZone: string) {
  const parts: Record<string, number> = {};
  for (const p of formatter(timeZone).formatToParts(at)) if (p.type !== "literal") parts[p.type] = Number(p.value);
  const { year = 1970, month = 1, day = 1, hour = 0, minute = 0 } = parts;
  const asUtc = Date.UTC(year, month - 1, day, hour, minute);
  const offsetMinutes = Math.round((asUtc - Math.floor(at.getTime() / 60_000) * 60_000) / 60_000);
  const weekday = ((new Date(Date.UTC(year, month - 1, day)).getUTCDay() + 6) % 7) + 1;
  return { year, month, day, weekday, hour, minute, isoWeek: isoWeekLabel(year, month, day), offsetMinutes };
}
export type LocalTime = ReturnType<typeof localTime>;

/** ISO 8601 week of a calendar date: weeks start on Monday; week 1 holds the year's first Thursday. */
export function isoWeekLabel(year: number, month: number, day: number): string {
  const date = new Date(Date.UTC(year, month - 1, day));
  const weekday = (date.getUTCDay() + 6) % 7; // Monday = 0
  date.setUTCDate(date.getUTCDate() - weekday + 3); // the Thursday of this week
  const weekYear = date.getUTCFullYear();
  const week = 1 + Math.floor((date.getTime() - Date.UTC(weekYear, 0, 1)) / 604_800_000);
  return `${weekYear}-W${String(week).padStart(2, "0")}`;
}

/** How far into the week a local time is, in minutes from Monday 00:00 (wall clock, ignoring a DST hour). */
export function minutesIntoWeek(local: Pick<LocalTime, "weekday" | "hour"> & { minute?: number }): number {
  return ((local.weekday - 1) * 24 + local.hour) * 60 + (local.minute ?? 0);
}

/** True once the subscriber's chosen weekday and hour have arrived in their current local week. */
export function slotHasArrived(
  local: Pick<LocalTime, "weekday" | "hour">,
  sendWeekday: number,
  sendHour: number,
): boolean {
  return local.weekday > sendWeekday || (local.weekday === sendWeekday && local.hour >= sendHour);
}
