import { FACET_LABELS, SENIORITIES, type Seniority, type Stack } from "../domain/facets";
import { countryInRegion } from "../domain/regions";
import { seniorityRange } from "../listings/rows";
import type { Preferences } from "../subscribers/preferences";
import { companyKey, employerMask, focusMask, mentions, seniorityMask, stackMask, type Candidate } from "./candidate";

/** What one subscriber brings to matching, prepared once per digest. */
export interface MatchProfile {
  prefs: Preferences;
  /** Their timezone's current offset from UTC, in minutes. */
  offsetMinutes: number;
  excludedCompanyKeys: string[];
  /** The filters as bit masks (see facetMask), for the check run on every candidate. */
  stackBits: number;
  focusBits: number;
  seniorityBits: number;
  employerBits: number;
}

export function matchProfile(prefs: Preferences, offsetMinutes: number): MatchProfile {
  return {
    prefs,
    offsetMinutes,
    excludedCompanyKeys: prefs.excludedCompanies.map(companyKey).filter(Boolean),
    stackBits: stackMask(prefs.stacks),
    focusBits: focusMask(prefs.focus),
    seniorityBits: seniorityMask(prefs.seniority),
    employerBits: employerMask(prefs.employerTypes),
  };
}

/**
 * matchListing's verdict and score without its words: the match strength, or -1 when a filter
 * fails. Run on every new listing for every subscriber, so it compares bit masks and numbers and
 * allocates nothing; matchListing states the same rules with their reasons (a test holds the two
 * to the same answers). `remoteChecked`, `keywordsChecked`: the caller already knows the listing
 * is open to the subscriber's country and time zone, and passes their keyword filters (the pool's
 * bit sets are these same rules, worked out once per listing), so those checks are not repeated.
 */
export function matchStrength(
  c: Candidate,
  profile: MatchProfile,
  remoteChecked = false,
  keywordsChecked = false,
): number {
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
  if (!remoteChecked && !remoteAllowed(c.row.remote, prefs.country, profile.offsetMinutes)) return -1;
  if (profile.employerBits && (c.employerBit ? !(c.employerBit & profile.employerBits) : !prefs.includeUnknownEmployer))
    return -1;
  // Indexed loops: this runs for every surviving listing of every subscriber, and for-of may
  // allocate an iterator each time.
  if (!keywordsChecked) {
    const must = prefs.mustHaveKeywords;
    for (let i = 0; i < must.length; i++) if (!mentions(c.searchText, must[i]!)) return -1;
    const excluded = prefs.excludedKeywords;
    for (let i = 0; i < excluded.length; i++) if (mentions(c.searchText, excluded[i]!)) return -1;
  }
  const companies = profile.excludedCompanyKeys;
  for (let i = 0; i < companies.length; i++)
    if (c.companyKey === companies[i] || mentions(` ${c.companyKey} `, companies[i]!)) return -1;
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

const label = (id: string) => FACET_LABELS[id as keyof typeof FACET_LABELS] ?? id;
const LOWER_LABELS = new Map(Object.entries(FACET_LABELS).map(([id, text]) => [id, text.toLowerCase()]));
/** A facet's label in lower case (made once per facet, not once per listing mailed). */
const lowerLabel = (id: string) => LOWER_LABELS.get(id) ?? label(id).toLowerCase();
const usdK = (n: number) => `$${Math.round(n / 1000)}k`;

/**
 * Whether a listing meets every filter a subscriber set, and why (DESIGN.md §2.3). Honest
 * matching: a filter only passes on evidence; the few "not stated" cases that pass are said so
 * in the reasons (salary when the subscriber includes unstated ones, remote scope unknown,
 * seniority unknown, employer type unknown when they include those). Freshness and "already mailed" are the caller's concern. The weekly run
 * checks every candidate with matchStrength and asks this only for the listings it mails.
 */
export function matchListing(c: Candidate, profile: MatchProfile): Match | null {
  const { prefs } = profile;
  const row = c.row;
  const reasons: string[] = [];
  let strength = 0;

  // The words are built in place (no arrays of hits): the weekly run asks this for each listing it mails.
  if (prefs.stacks.length) {
    let hits = 0;
    let words = "";
    for (let i = 0; i < row.stacks.length; i++) {
      const s = row.stacks[i]!;
      if (prefs.stacks.includes(s as Stack)) words = hits++ ? `${words} & ${label(s)}` : label(s);
    }
    if (!hits) return null;
    reasons.push(words);
    strength += 2 + hits;
  }

  if (prefs.focus.length) {
    let words = "";
    for (let i = 0; i < row.focus.length; i++) {
      const f = row.focus[i]!;
      if (prefs.focus.includes(f)) words = words ? `${words} & ${f} work` : `${f} work`;
    }
    if (!words) return null;
    reasons.push(words);
    strength += 2;
  }

  if (prefs.seniority.length) {
    const words = seniorityWords(seniorityRange(row.seniority, row.seniorities), prefs.seniority);
    if (words === null) return null;
    reasons.push(words);
    if (words !== LEVEL_NOT_STATED) strength += 2;
  }

  if (prefs.minSalaryUsd !== null) {
    if (c.salaryTopUsd === null) {
      if (!prefs.includeNoSalary) return null;
      reasons.push("salary not stated");
    } else if (c.salaryTopUsd < prefs.minSalaryUsd) return null;
    else reasons.push(`pays up to ${usdK(c.salaryTopUsd)} (your floor ${usdK(prefs.minSalaryUsd)})`);
  }

  const remote = remoteReason(row.remote, prefs.country, profile.offsetMinutes);
  if (remote === null) return null;
  reasons.push(remote);

  if (prefs.employerTypes.length) {
    if (!row.employerType) {
      if (!prefs.includeUnknownEmployer) return null;
      reasons.push("employer type not stated");
    } else if (!prefs.employerTypes.includes(row.employerType)) return null;
    else reasons.push(lowerLabel(row.employerType));
  }

  for (const keyword of prefs.mustHaveKeywords) if (!mentions(c.searchText, keyword)) return null;
  if (prefs.mustHaveKeywords.length) reasons.push(`mentions ${prefs.mustHaveKeywords.join(", ")}`);
  for (const keyword of prefs.excludedKeywords) if (mentions(c.searchText, keyword)) return null;
  for (const company of profile.excludedCompanyKeys)
    if (c.companyKey === company || mentions(` ${c.companyKey} `, company)) return null;

  return { candidate: c, score: strength, reasons };
}

const LEVEL_NOT_STATED = "level not stated";

/**
 * How a listing's levels meet the levels a subscriber asked for: "senior" for a one-level
 * listing, "open to mid-level or senior" for a range (so a mid-level reader is not told the job
 * is mid-level only), "level not stated"; null when none of its levels was asked for.
 */
function seniorityWords(levels: readonly Seniority[], wanted: readonly Seniority[]): string | null {
  if (levels.length === 0) return LEVEL_NOT_STATED;
  if (!levels.some((l) => wanted.includes(l))) return null;
  if (levels.length === 1) return lowerLabel(levels[0]!);
  const ordered = SENIORITIES.filter((l) => levels.includes(l));
  return `open to ${ordered.slice(0, -1).map(lowerLabel).join(", ")} or ${lowerLabel(ordered.at(-1)!)}`;
}

/**
 * Whether someone in `country`, at this UTC offset, can apply. `country` null (not said): every
 * restriction we cannot check passes, so a listing open only to some countries or regions is
 * kept (the reason says where it is open to); only a UTC-offset window, checked against their
 * timezone, can exclude them. Choosing a country narrows this (issue 18.1).
 */
export function remoteAllowed(
  remote: Candidate["row"]["remote"],
  country: string | null,
  offsetMinutes: number,
): boolean {
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

/** How to say that someone can apply from where they are; null when they cannot. */
function remoteReason(
  remote: Candidate["row"]["remote"],
  country: string | null,
  offsetMinutes: number,
): string | null {
  if (!remoteAllowed(remote, country, offsetMinutes)) return null;
  switch (remote.scope) {
    case "worldwide":
      return "remote worldwide";
    case "unknown":
      return "remote (where from not stated)";
    case "onsite":
      return null;
    case "countries":
      if (country === null) return `remote from ${remote.countries.join(", ")} only`;
      return remote.countries.includes(country) ? `remote from ${country}` : null;
    case "regions": {
      if (country === null) return `remote in ${[...remote.regions.map(label), ...remote.countries].join(", ")} only`;
      if (remote.countries.includes(country)) return `remote from ${country}`;
      const region = country ? remote.regions.find((r) => countryInRegion(country, r)) : undefined;
      return region ? `remote in ${label(region)}` : null;
    }
  }
}
