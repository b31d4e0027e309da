/** ISO weekdays, Monday first, as the subscriber picks them. */
export const WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;

let zones: Set<string> | undefined;

/** True for an IANA timezone name this runtime knows (Node and Workers both ship the ICU list). */
export function isKnownTimezone(tz: string): boolean {
  if (tz === "UTC") return true;
  zones ??= new Set(Intl.supportedValuesOf("timeZone"));
  if (zones.has(tz)) return true;
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export function formatHour(hour: number): string {
  return `${String(hour).padStart(2, "0")}:00`;
}
