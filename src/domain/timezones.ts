/**
 * Timezones as the forms offer them (issue 18.8): the runtime's IANA list under current names,
 * grouped by region, each with its UTC offset today. Node 20's ICU (and older browsers) still
 * list some zones under names IANA has since replaced (Europe/Kiev, Asia/Calcutta), while newer
 * browsers report the new ones: both spellings are accepted and stored under the current name.
 */

/** Old IANA names (tzdb `backward` links) → the current name. Both work with Intl. */
export const RENAMED_TIMEZONES: Readonly<Record<string, string>> = {
  "Africa/Asmera": "Africa/Asmara",
  "America/Buenos_Aires": "America/Argentina/Buenos_Aires",
  "America/Catamarca": "America/Argentina/Catamarca",
  "America/Coral_Harbour": "America/Atikokan",
  "America/Cordoba": "America/Argentina/Cordoba",
  "America/Godthab": "America/Nuuk",
  "America/Indianapolis": "America/Indiana/Indianapolis",
  "America/Fort_Wayne": "America/Indiana/Indianapolis",
  "America/Jujuy": "America/Argentina/Jujuy",
  "America/Louisville": "America/Kentucky/Louisville",
  "America/Mendoza": "America/Argentina/Mendoza",
  "America/Montreal": "America/Toronto",
  "America/Nipigon": "America/Toronto",
  "America/Thunder_Bay": "America/Toronto",
  "America/Rainy_River": "America/Winnipeg",
  "America/Yellowknife": "America/Edmonton",
  "America/Pangnirtung": "America/Iqaluit",
  "America/Ensenada": "America/Tijuana",
  "America/Santa_Isabel": "America/Tijuana",
  "Asia/Calcutta": "Asia/Kolkata",
  "Asia/Katmandu": "Asia/Kathmandu",
  "Asia/Rangoon": "Asia/Yangon",
  "Asia/Saigon": "Asia/Ho_Chi_Minh",
  "Asia/Ulan_Bator": "Asia/Ulaanbaatar",
  "Asia/Dacca": "Asia/Dhaka",
  "Asia/Thimbu": "Asia/Thimphu",
  "Asia/Chongqing": "Asia/Shanghai",
  "Asia/Istanbul": "Europe/Istanbul",
  "Asia/Ujung_Pandang": "Asia/Makassar",
  "Asia/Macao": "Asia/Macau",
  "Asia/Ashkhabad": "Asia/Ashgabat",
  "Asia/Tel_Aviv": "Asia/Jerusalem",
  "Atlantic/Faeroe": "Atlantic/Faroe",
  "Australia/Currie": "Australia/Hobart",
  "Europe/Kiev": "Europe/Kyiv",
  "Europe/Uzhgorod": "Europe/Kyiv",
  "Europe/Zaporozhye": "Europe/Kyiv",
  "Europe/Belfast": "Europe/London",
  "Pacific/Enderbury": "Pacific/Kanton",
  "Pacific/Johnston": "Pacific/Honolulu",
  "Pacific/Ponape": "Pacific/Pohnpei",
  "Pacific/Truk": "Pacific/Chuuk",
};

/** The current IANA name for a timezone (an old spelling mapped, anything else unchanged). */
export function currentTimezoneName(tz: string): string {
  return RENAMED_TIMEZONES[tz] ?? tz;
}

export interface TimezoneOption {
  id: string;
  /** "Berlin (UTC+01:00)". */
  label: string;
}
export interface TimezoneGroup {
  region: string;
  zones: TimezoneOption[];
}

/**
 * "UTC+05:30", "UTC−03:00", "UTC" for a zone at an instant. A zero offset is spelt "GMT" by the
 * ICU in workerd and "GMT+00:00" by Node's (ICU 78): both read "UTC", so the form lists
 * "London (UTC)" on either runtime.
 */
export function utcOffsetLabel(tz: string, at: Date): string {
  const name = new Intl.DateTimeFormat("en-US", { timeZone: tz, timeZoneName: "longOffset" })
    .formatToParts(at)
    .find((p) => p.type === "timeZoneName")?.value;
  return !name || /^GMT([+-]00:00)?$/.test(name) ? "UTC" : name.replace("GMT", "UTC").replace("-", "−");
}

/**
 * Every zone the runtime knows, under current names, grouped by region (Africa, America…) with
 * today's offsets; UTC first on its own. Building it formats ~420 offsets (a few ms), so callers
 * build it once (per day, as offsets change with summer time) and reuse it.
 */
export function timezoneGroups(at: Date): TimezoneGroup[] {
  const names = [...new Set(Intl.supportedValuesOf("timeZone").map(currentTimezoneName))].filter((z) => z !== "UTC");
  const groups = new Map<string, TimezoneOption[]>();
  for (const id of names.sort()) {
    const slash = id.indexOf("/");
    const region = slash > 0 ? id.slice(0, slash) : "Other";
    const place = (slash > 0 ? id.slice(slash + 1) : id).replace(/_/g, " ").replace(/\//g, " – ");
    const list = groups.get(region) ?? [];
    list.push({ id, label: `${place} (${utcOffsetLabel(id, at)})` });
    groups.set(region, list);
  }
  return [
    { region: "Universal", zones: [{ id: "UTC", label: "UTC" }] },
    ...[...groups].map(([region, zones]) => ({ region, zones })),
  ];
}
