import { z } from "zod";
import { COUNTRIES } from "../domain/countries";
import { EMPLOYER_TYPES, FOCUSES, SENIORITIES, STACKS } from "../domain/facets";
import { isKnownTimezone } from "../domain/schedule";
import { currentTimezoneName } from "../domain/timezones";
import { stripControls } from "../listings/classify/text";
import { stripInvisibleFormatting } from "../listings/sources/bounds";
import { parseSalaryInput } from "./salary-input";
import type { PreferencesRow } from "../../db/schema";

/**
 * What a subscriber asked for: every filter of DESIGN.md §2.1 plus the schedule. The empty-week
 * notes setting is not a filter: it is read and written on its own (src/digest/empty-weeks.ts).
 */
export type Preferences = Omit<PreferencesRow, "subscriberId" | "emptyWeekNotes">;

export const DEFAULT_PREFERENCES: Preferences = {
  focus: [],
  stacks: [],
  seniority: [],
  minSalaryUsd: null,
  includeNoSalary: true,
  country: null,
  timezone: "UTC",
  employerTypes: [],
  includeUnknownEmployer: true,
  mustHaveKeywords: [],
  excludedKeywords: [],
  excludedCompanies: [],
  sendWeekday: 1,
  sendHour: 8,
  maxListings: 20,
};

/**
 * The field names of the subscribe form, the preference centre and the CSV columns. One list so
 * the three never drift apart.
 */
export const PREFERENCE_FIELDS = [
  "focus",
  "stacks",
  "seniority",
  "minSalaryUsd",
  "includeNoSalary",
  "country",
  "timezone",
  "employerTypes",
  "includeUnknownEmployer",
  "mustHave",
  "excludeKeywords",
  "excludeCompanies",
  "sendWeekday",
  "sendHour",
  "maxListings",
] as const;
export type PreferenceField = (typeof PREFERENCE_FIELDS)[number];

export type FormInput = Record<string, string | string[] | undefined>;

/**
 * Half a character (a lone UTF-16 surrogate, which JSON can carry as "\ud800") or U+FFFD, which
 * stands where bytes were not text: a keyword holding one was stored and could never match.
 */
const BROKEN_TEXT = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|\uFFFD/g;

/** Multi-value fields arrive as repeated form keys, or as one "a;b" / "a,b" cell in a CSV. */
function list(value: unknown): string[] {
  const items = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return (
    items
      .flatMap((v) => String(v).split(/[;,]/))
      // Bidi controls and zero-width characters would let a keyword read differently in an email than it
      // matches; control characters (NUL, ESC) have no place in a typed word either.
      .map((v) => stripControls(stripInvisibleFormatting(v)).replace(BROKEN_TEXT, "").trim())
      .filter(Boolean)
  );
}

const choice = <T extends readonly [string, ...string[]]>(values: T, label: string) =>
  z.preprocess(
    list,
    z.array(z.enum(values, { message: `Choose ${label} from the list.` })).transform((a) => [...new Set(a)]),
  );

const keywords = (label: string) =>
  z.preprocess(
    list,
    z
      .array(z.string().max(60, `Each ${label} entry can be at most 60 characters.`))
      .max(20, `At most 20 ${label} entries.`)
      .transform((a) => [...new Set(a.map((k) => k.toLowerCase()))]),
  );

/** A salary floor as typed ("120k", "€90k", "120,000"), in US dollars a year (salary-input.ts). */
const salaryFloor = z
  .unknown()
  .optional()
  .transform((v, ctx) => {
    const parsed = parseSalaryInput(typeof v === "number" ? String(v) : v);
    if (parsed.ok) return parsed.usd;
    ctx.addIssue({ code: "custom", message: parsed.error });
    return z.NEVER;
  });

// Whole numbers in plain digits, as the environment's are (config.ts): Number() also read "0x10" as
// 16, "1e1" as 10 and ["5"] as 5, so a form, JSON or CSV value nobody meant became a setting.
const intWithDefault = (min: number, max: number, fallback: number, message: string) =>
  z.preprocess(
    (v) =>
      v === undefined || v === ""
        ? fallback
        : typeof v === "number" || (typeof v === "string" && /^\s*[0-9]+\s*$/.test(v))
          ? Number(v)
          : Number.NaN,
    z.number({ message }).int(message).min(min, message).max(max, message),
  );

/** A yes/no choice (a select on the form, a cell in a CSV); absent or empty (a blank CSV cell) means yes. */
const yesNo = (message: string) =>
  z
    .preprocess(
      (v) => (Array.isArray(v) ? v.at(-1) : v) || "yes",
      z.enum(["yes", "no", "true", "false", "1", "0"], { message }),
    )
    .transform((v) => v === "yes" || v === "true" || v === "1");

const PreferencesSchema = z
  .object({
    focus: choice(FOCUSES, "a focus"),
    stacks: choice(STACKS, "stacks"),
    seniority: choice(SENIORITIES, "a seniority"),
    minSalaryUsd: salaryFloor,
    includeNoSalary: yesNo("Choose whether to include listings without a salary."),
    country: z.preprocess(
      (v) => (typeof v === "string" && v.trim() ? v.trim().toUpperCase() : null),
      z
        .string()
        .refine((c) => c in COUNTRIES, "Choose a country from the list.")
        .nullable(),
    ),
    timezone: z.preprocess(
      (v) => (typeof v === "string" && v.trim() ? currentTimezoneName(v.trim()) : "UTC"),
      z.string().max(64).refine(isKnownTimezone, "Choose a timezone from the list."),
    ),
    employerTypes: choice(EMPLOYER_TYPES, "employer types"),
    includeUnknownEmployer: yesNo("Choose whether to include listings whose employer type is unknown."),
    mustHave: keywords("must-have keyword"),
    excludeKeywords: keywords("excluded keyword"),
    excludeCompanies: keywords("excluded company"),
    sendWeekday: intWithDefault(1, 7, 1, "Choose a weekday from the list."),
    sendHour: intWithDefault(0, 23, 8, "Choose an hour between 0 and 23."),
    maxListings: intWithDefault(1, 50, 20, "Listings per email must be between 1 and 50."),
  })
  .superRefine((p, ctx) => {
    // A word both required and refused matches no listing at all: say so rather than promise a digest.
    const both = p.mustHave.filter((k) => p.excludeKeywords.includes(k));
    if (both.length) {
      const quoted = both.map((k) => `"${k}"`).join(", ");
      ctx.addIssue({
        code: "custom",
        path: ["excludeKeywords"],
        message: `${quoted} ${both.length === 1 ? "is" : "are"} in both "Must mention" and "Leave out": no listing can match. Remove ${both.length === 1 ? "it" : "them"} from one of the two.`,
      });
    }
  });

export type FieldErrors = Partial<Record<PreferenceField | "email", string>>;

/** Validates preference fields from a form or a CSV row. Unknown fields are ignored. */
export function parsePreferences(
  input: FormInput,
): { ok: true; value: Preferences } | { ok: false; errors: FieldErrors } {
  const parsed = PreferencesSchema.safeParse(input);
  if (!parsed.success) {
    const errors: FieldErrors = {};
    for (const issue of parsed.error.issues) {
      const field = issue.path[0] as PreferenceField;
      errors[field] ??= issue.message;
    }
    return { ok: false, errors };
  }
  const p = parsed.data;
  return {
    ok: true,
    value: {
      focus: p.focus,
      stacks: p.stacks,
      seniority: p.seniority,
      minSalaryUsd: p.minSalaryUsd,
      includeNoSalary: p.includeNoSalary,
      country: p.country,
      timezone: p.timezone,
      employerTypes: p.employerTypes,
      includeUnknownEmployer: p.includeUnknownEmployer,
      mustHaveKeywords: p.mustHave,
      excludedKeywords: p.excludeKeywords,
      excludedCompanies: p.excludeCompanies,
      sendWeekday: p.sendWeekday,
      sendHour: p.sendHour,
      maxListings: p.maxListings,
    },
  };
}

/** The inverse of parsePreferences: form/CSV field values for a stored preference set. */
export function preferencesToFields(p: Preferences): Record<PreferenceField, string | string[]> {
  return {
    focus: p.focus,
    stacks: p.stacks,
    seniority: p.seniority,
    minSalaryUsd: p.minSalaryUsd === null ? "" : String(p.minSalaryUsd),
    includeNoSalary: p.includeNoSalary ? "yes" : "no",
    country: p.country ?? "",
    timezone: p.timezone,
    employerTypes: p.employerTypes,
    includeUnknownEmployer: p.includeUnknownEmployer ? "yes" : "no",
    mustHave: p.mustHaveKeywords,
    excludeKeywords: p.excludedKeywords,
    excludeCompanies: p.excludedCompanies,
    sendWeekday: String(p.sendWeekday),
    sendHour: String(p.sendHour),
    maxListings: String(p.maxListings),
  };
}
