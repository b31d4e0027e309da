import { COUNTRIES } from "../domain/countries";
import { FACET_LABELS } from "../domain/facets";
import { formatHour, WEEKDAYS } from "../domain/schedule";
import type { Preferences } from "./preferences";

export interface PreferenceLine {
  /** The form field a "change" link should focus. */
  field: string;
  label: string;
  value: string;
}

const labels = (ids: readonly string[], none: string) =>
  ids.length ? ids.map((id) => FACET_LABELS[id as keyof typeof FACET_LABELS] ?? id).join(", ") : none;
const words = (items: readonly string[], none: string) => (items.length ? items.join(", ") : none);

/** Restates a subscriber's filters in plain words, for pages, emails and the digest footer. */
export function describePreferences(p: Preferences): PreferenceLine[] {
  const salary =
    p.minSalaryUsd === null
      ? "any salary"
      : `at least $${p.minSalaryUsd.toLocaleString("en-US")}/year${p.includeNoSalary ? ", plus listings that don't state one" : ", salary must be stated"}`;
  return [
    { field: "focus", label: "Focus", value: labels(p.focus, "any backend work") },
    { field: "stacks", label: "Stacks", value: labels(p.stacks, "any language") },
    { field: "seniority", label: "Seniority", value: labels(p.seniority, "any level") },
    { field: "minSalaryUsd", label: "Salary", value: salary },
    {
      field: "country",
      label: "Working from",
      // Says what the matcher does (digest/match.ts remoteAllowed): no country keeps country- and region-limited roles.
      value: `${p.country ? (COUNTRIES[p.country] ?? p.country) : "not given (every remote role, including those open only to some countries or regions)"} · ${p.timezone}`,
    },
    { field: "employerTypes", label: "Employers", value: employers(p) },
    { field: "mustHave", label: "Must mention", value: words(p.mustHaveKeywords, "nothing in particular") },
    {
      field: "excludeKeywords",
      label: "Leave out",
      value: words([...p.excludedKeywords, ...p.excludedCompanies.map((c) => `company ${c}`)], "nothing"),
    },
    {
      field: "sendWeekday",
      label: "Delivery",
      value: `${WEEKDAYS[p.sendWeekday - 1]} at ${formatHour(p.sendHour)} (${p.timezone}), up to ${p.maxListings} ${p.maxListings === 1 ? "listing" : "listings"}`,
    },
  ];
}

/**
 * The filters as mail sent on an unverified request restates them: anyone can type an address
 * into the form, so what they typed themselves (keywords, companies) is counted, not quoted; a
 * stranger cannot put "your account is locked, call …" in a message from us. The page the
 * confirm button opens shows every word.
 */
export function describePreferencesForUnverified(p: Preferences): PreferenceLine[] {
  const typed: Record<string, number> = {
    mustHave: p.mustHaveKeywords.length,
    excludeKeywords: p.excludedKeywords.length + p.excludedCompanies.length,
  };
  return describePreferences(p).map((line) => {
    const n = typed[line.field];
    if (!n) return line;
    return { ...line, value: `${n} ${n === 1 ? "word or phrase" : "words or phrases"} (shown when you open the link)` };
  });
}

/** The employer filter, saying what happens to listings that do not state an employer type. */
function employers(p: Preferences): string {
  if (!p.employerTypes.length) return "any employer";
  const unknown = p.includeUnknownEmployer ? "plus listings that don't say which kind" : "employer type must be stated";
  return `${labels(p.employerTypes, "")}, ${unknown}`;
}
