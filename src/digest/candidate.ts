import type { ListingRow } from "../../db/schema";
import { EMPLOYER_TYPES, FOCUSES, SENIORITIES, STACKS } from "../domain/facets";

/** One bit per facet value (position in the facet's list), so a filter check is one AND. */
export function facetMask(values: readonly string[], all: readonly string[]): number {
  let mask = 0;
  for (const v of values) {
    const i = all.indexOf(v);
    if (i >= 0) mask |= 1 << i;
  }
  return mask;
}
export const stackMask = (v: readonly string[]) => facetMask(v, STACKS);
export const focusMask = (v: readonly string[]) => facetMask(v, FOCUSES);
export const seniorityMask = (v: readonly string[]) => facetMask(v, SENIORITIES);
export const employerMask = (v: readonly string[]) => facetMask(v, EMPLOYER_TYPES);

/**
 * A listing prepared once per run for matching many subscribers: lower-cased text for keyword
 * checks and the numbers the filters compare, so the per-subscriber loop does no parsing.
 */
export interface Candidate {
  row: ListingRow;
  searchText: string;
  companyKey: string;
  /** First seen, or reopened if later: what "new since the previous digest" compares (see listings.reopenedAt). */
  firstSeenMs: number;
  postedMs: number;
  salaryTopUsd: number | null;
  /** The listing's facets as bit masks (see facetMask); 0 when not stated. */
  stackBits: number;
  focusBits: number;
  seniorityBit: number;
  employerBit: number;
}

export const companyKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

export function toCandidate(row: ListingRow): Candidate {
  const salary = row.salary;
  return {
    row,
    searchText: ` ${`${row.title}\n${row.company}\n${row.description}`.toLowerCase()} `,
    companyKey: companyKey(row.company),
    firstSeenMs: Math.max(row.firstSeenAt.getTime(), row.reopenedAt?.getTime() ?? 0),
    postedMs: (row.postedAt ?? row.firstSeenAt).getTime(),
    salaryTopUsd: salary ? (salary.maxUsdYear ?? salary.minUsdYear) : null,
    stackBits: stackMask(row.stacks),
    focusBits: focusMask(row.focus),
    seniorityBit: row.seniority ? seniorityMask([row.seniority]) : 0,
    employerBit: row.employerType ? employerMask([row.employerType]) : 0,
  };
}

/** A keyword matches as a whole word or phrase ("go" does not match "google"). */
export function mentions(searchText: string, keyword: string): boolean {
  let from = 0;
  for (;;) {
    const at = searchText.indexOf(keyword, from);
    if (at < 0) return false;
    const before = searchText.charCodeAt(at - 1);
    const after = searchText.charCodeAt(at + keyword.length);
    if (!isWordChar(before) && !isWordChar(after)) return true;
    from = at + 1;
  }
}

function isWordChar(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 48 && code <= 57) || code === 95 || code > 127;
}
