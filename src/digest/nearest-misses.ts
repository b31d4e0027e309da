import type { ListingRow } from "../../db/schema";
import type { Preferences } from "../subscribers/preferences";
import type { Candidate } from "./candidate";
import { facetLabel, formatFacets, formatRemote, formatStacks, usdK } from "./format";
import { matchProfile, matchStrength } from "./match";
import type { CandidatePool } from "./pool";

interface Filter {
  set(p: Preferences): boolean;
  without(p: Preferences): Preferences;
  /** Lift the remote rule instead (no field blanks it: no country still has restrictions). */
  remote?: true;
  words(c: Candidate, p: Preferences): string;
}

type ListKey = "focus" | "stacks" | "seniority" | "mustHaveKeywords" | "excludedKeywords" | "excludedCompanies";
/** A filter on a list: set when the list has entries, lifted by emptying it. */
const listFilter = (key: ListKey, words: Filter["words"]): Filter => ({
  set: (p) => p[key].length > 0,
  without: (p) => ({ ...p, [key]: [] }),
  words,
});

/** Every filter the matcher applies, in the order the preferences page shows them. */
const FILTERS: Filter[] = [
  listFilter("focus", (c) => `Focus: it is ${formatFacets(c.row.focus, "not stated")} work`),
  listFilter("stacks", (c) => `Stacks: it asks for ${formatStacks(c.row.stacks)}`),
  listFilter("seniority", ({ row }) => {
    const levels = row.seniorities?.length ? row.seniorities : row.seniority ? [row.seniority] : [];
    return `Seniority: it is for ${formatFacets(levels, "an unstated level")}`;
  }),
  {
    set: (p) => p.minSalaryUsd !== null,
    without: (p) => ({ ...p, minSalaryUsd: null }),
    words: (c, p) =>
      c.salaryTopUsd === null
        ? "Minimum salary: it states no salary"
        : `Minimum salary: it pays up to ${usdK(c.salaryTopUsd)}, under your ${usdK(p.minSalaryUsd ?? 0)}`,
  },
  {
    set: () => true,
    without: (p) => p,
    remote: true,
    words: (c) => `Where you can work from: it is ${formatRemote(c.row.remote)}`,
  },
  {
    set: (p) => p.employerTypes.length > 0,
    without: (p) => ({ ...p, employerTypes: [], includeUnknownEmployer: true }),
    words: (c) => `Employer type: ${c.row.employerType ? `it is ${facetLabel(c.row.employerType)}` : "it states none"}`,
  },
  listFilter("mustHaveKeywords", () => "Must mention: it does not mention every word you asked for"),
  listFilter("excludedKeywords", () => "Leave out: it mentions a word you left out"),
  listFilter("excludedCompanies", () => "Companies left out: it is one of them"),
];

/**
 * Up to `limit` listings first seen since `sinceMs` that fail exactly one of the subscriber's
 * filters, newest first, each with the filter in words ("Stacks: it asks for Python"): matchStrength
 * with one filter lifted at a time, as the run would match.
 */
export function nearestMisses(
  pool: CandidatePool,
  input: { prefs: Preferences; offsetMinutes: number; sinceMs: number; limit: number },
): { row: ListingRow; excludedBy: string }[] {
  const { prefs, offsetMinutes } = input;
  const full = matchProfile(prefs, offsetMinutes);
  const lifted = FILTERS.filter((f) => f.set(prefs)).map((f) => ({
    f,
    profile: f.remote ? full : matchProfile(f.without(prefs), offsetMinutes),
  }));
  const misses: { row: ListingRow; excludedBy: string }[] = [];
  // Positions are newest first, so the walk stops at the first listing older than `sinceMs`.
  for (const c of pool.newestFirst) {
    if (c.firstSeenMs < input.sinceMs || misses.length >= input.limit) break;
    if (pool.statedElsewhere.has(c)) continue; // one job once: its post that says where from stands for it
    if (matchStrength(c, full) >= 0) continue; // a match (mailed before, or new since): not a miss
    const only = lifted.find(({ f, profile }) => matchStrength(c, profile, f.remote === true) >= 0);
    if (only) misses.push({ row: c.row, excludedBy: only.f.words(c, prefs) });
  }
  return misses;
}
