import { SENIORITIES, type Seniority } from "../domain/facets";
import { countryInRegion } from "../domain/regions";
import { seniorityRange } from "../listings/rows";
import type { Preferences } from "../subscribers/preferences";
import { countryName, facetLabel, usdK } from "./format";
import {
  companyKey,
  employerMask,
  focusMask,
  isLegalFormOnly,
  mentions,
  seniorityMask,
  stackMask,
  type Candidate,
} from "./candidate";

/**
 * What one subscriber brings to matching, prepared once per digest; filters as bit masks (facetMask).
 * `offsetMinutes`: their timezone's current offset from UTC.
 */
export function matchProfile(prefs: Preferences, offsetMinutes: number) {
  return {
    prefs,
    offsetMinutes,
    excludedCompanyKeys: prefs.excludedCompanies.map(companyKey).filter((key) => key !== "" && !isLegalFormOnly(key)),
    stackBits: stackMask(prefs.stacks),
    focusBits: focusMask(prefs.focus),
    seniorityBits: seniorityMask(prefs.seniority),
    employerBits: employerMask(prefs.employerTypes),
  };
}
export type MatchProfile = ReturnType<typeof matchProfile>;

/**
 * matchListing's verdict and score without its words: the match strength, or -1 when a filter
 * fails. Run on every new listing for every subscriber, so it compares bit masks and numbers.
 * `ignoreRemote`: leave out the remote rule (nearest-misses lifts it to see what else fails).
 */
export function matchStrength(c: Candidate, profile: MatchProfile, ignoreRemote = false): number {
  const { prefs } = profile;
  let strength = 0;
  if (profile.stackBits) {
    const hits = c.stackBits & profile.stackBits;
    if (!hits) return -1;
    strength += 2 + bitCount(hits);
  }
  if (profile.focusBits) {
    if (!(c.focusBits & profile.focusBits)) return -1;
    strength += 2;
  }
  if (profile.seniorityBits && c.seniorityBits) {
    // Open to any of the levels asked for ("Mid / Senior" for someone mid-level).
    if (!(c.seniorityBits & profile.seniorityBits)) return -1;
    strength += 2;
  }
  if (prefs.minSalaryUsd !== null) {
    if (c.salaryTopUsd === null ? !prefs.includeNoSalary : c.salaryTopUsd < prefs.minSalaryUsd) return -1;
  }
  if (!ignoreRemote && !remoteAllowed(c.row.remote, prefs.country, profile.offsetMinutes)) return -1;
  if (profile.employerBits && (c.employerBit ? !(c.employerBit & profile.employerBits) : !prefs.includeUnknownEmployer))
    return -1;
  for (const keyword of prefs.mustHaveKeywords) if (!mentions(c.searchText, keyword)) return -1;
  for (const keyword of prefs.excludedKeywords) if (mentions(c.searchText, keyword)) return -1;
  for (const company of profile.excludedCompanyKeys)
    if (c.companyKey === company || mentions(` ${c.companyKey} `, company)) return -1;
  return strength;
}

function bitCount(n: number): number {
  let count = 0;
  for (; n; n &= n - 1) count++;
  return count;
}

export interface Match {
  candidate: Candidate;
  score: number;
  /** The short "why it matched" line, in the order the subscriber would care. */
  reasons: string[];
}

const lowerLabel = (id: string) => facetLabel(id).toLowerCase();

/**
 * Whether a listing meets every filter a subscriber set (matchStrength), and why (DESIGN.md §2.3).
 * A filter passes only on evidence; the "not stated" cases that pass say so in the reasons.
 * Freshness and "already mailed" are the caller's concern.
 */
export function matchListing(c: Candidate, profile: MatchProfile): Match | null {
  const score = matchStrength(c, profile);
  return score < 0 ? null : { candidate: c, score, reasons: reasonsFor(c, profile) };
}

/** The "why it matched" words, one per filter set, in the order the reader cares. */
function reasonsFor(c: Candidate, { prefs }: MatchProfile): string[] {
  const row = c.row;
  const reasons: string[] = [];
  if (prefs.stacks.length) reasons.push(asked(row.stacks, prefs.stacks, facetLabel));
  if (prefs.focus.length) reasons.push(asked(row.focus, prefs.focus, (f) => `${f} work`));
  if (prefs.seniority.length) reasons.push(seniorityWords(seniorityRange(row.seniority, row.seniorities)));
  if (prefs.minSalaryUsd !== null) {
    reasons.push(
      c.salaryTopUsd === null
        ? "salary not stated"
        : `pays up to ${usdK(c.salaryTopUsd)} (your floor ${usdK(prefs.minSalaryUsd)})`,
    );
  }
  reasons.push(remoteWords(row.remote, prefs.country));
  if (prefs.employerTypes.length)
    reasons.push(row.employerType ? lowerLabel(row.employerType) : "employer type not stated");
  if (prefs.mustHaveKeywords.length) reasons.push(`mentions ${prefs.mustHaveKeywords.join(", ")}`);
  return reasons;
}

/** The listing's values the subscriber asked for, in words, joined with "&". */
const asked = (values: readonly string[], wanted: readonly string[], word: (value: string) => string) =>
  values
    .filter((v) => wanted.includes(v))
    .map(word)
    .join(" & ");

/** "senior", "open to mid-level or senior" for a range (not "mid-level" alone), or "level not stated". */
function seniorityWords(levels: readonly Seniority[]): string {
  if (levels.length === 0) return "level not stated";
  if (levels.length === 1) return lowerLabel(levels[0]!);
  const ordered = SENIORITIES.filter((l) => levels.includes(l));
  return `open to ${ordered.slice(0, -1).map(lowerLabel).join(", ")} or ${lowerLabel(ordered.at(-1)!)}`;
}

type Remote = Candidate["row"]["remote"];

/**
 * Whether someone in `country`, at this UTC offset, can apply. With no country, a listing open
 * only to some countries or regions is kept (the reason says where); only a UTC-offset window can
 * exclude them. Choosing a country narrows this (issue 18.1).
 */
export function remoteAllowed(remote: Remote, country: string | null, offsetMinutes: number): boolean {
  if (remote.utcOffsetMin !== undefined && remote.utcOffsetMax !== undefined) {
    const hours = offsetMinutes / 60;
    if (hours < remote.utcOffsetMin || hours > remote.utcOffsetMax) return false;
  }
  switch (remote.scope) {
    case "worldwide":
    case "unknown":
      return true;
    case "onsite":
      return false;
    case "countries":
      return country === null || remote.countries.includes(country);
    case "regions":
      return (
        country === null ||
        remote.countries.includes(country) ||
        remote.regions.some((r) => countryInRegion(country, r))
      );
  }
}

/**
 * How to say that someone can apply from where they are (remoteAllowed has said they can). Countries
 * by name, as the card above names them: "remote from IN only" read "in" to a screen reader.
 */
function remoteWords(remote: Remote, country: string | null): string {
  const names = (codes: readonly string[]) => codes.map(countryName).join(", ");
  switch (remote.scope) {
    case "worldwide":
      return "remote worldwide";
    case "countries":
      return country === null ? `remote from ${names(remote.countries)} only` : `remote from ${countryName(country)}`;
    case "regions": {
      if (country === null)
        return `remote in ${[...remote.regions.map(facetLabel), names(remote.countries)].filter(Boolean).join(", ")} only`;
      if (remote.countries.includes(country)) return `remote from ${countryName(country)}`;
      return `remote in ${facetLabel(remote.regions.find((r) => countryInRegion(country, r))!)}`;
    }
    default: // "unknown" ("onsite" never matches)
      return "remote (where from not stated)";
  }
}
