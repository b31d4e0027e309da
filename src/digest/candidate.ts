import type { ListingRow } from "../../db/schema";
import { EMPLOYER_TYPES, FACET_LABELS, FOCUSES, SENIORITIES, STACKS, type Stack } from "../domain/facets";
import { sameJobFingerprints } from "../listings/classify/fingerprint";
import { seniorityRange } from "../listings/rows";

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

export const companyKey = (name: string) =>
  name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();

/**
 * A company key that is only a legal form. The form asks for comma-separated names, so "Acme, Inc."
 * arrives as "acme" and "inc", and "inc" as a word of every "… Inc" company would leave them all out.
 */
const LEGAL_FORM_ONLY =
  /^(?:inc|incorporated|llc|l l c|ltd|limited|corp|corporation|co|plc|gmbh|ag|sa|s a|sas|sarl|srl|bv|b v|nv|oy|ab|as|aps|pty|pty ltd|pte|pte ltd|kk|lp|llp|pbc)$/;
export const isLegalFormOnly = (key: string) => LEGAL_FORM_ONLY.test(key);

/** A listing prepared once per run for matching: lower-cased text and the numbers the filters compare. */
export function toCandidate(row: ListingRow) {
  const salary = row.salary;
  return {
    row,
    searchText: searchTextOf(row),
    companyKey: companyKey(row.company),
    /** First seen, or reopened if later: what "new since the previous digest" compares (see listings.reopenedAt). */
    firstSeenMs: Math.max(row.firstSeenAt.getTime(), row.reopenedAt?.getTime() ?? 0),
    postedMs: (row.postedAt ?? row.firstSeenAt).getTime(),
    salaryTopUsd: salary ? (salary.maxUsdYear ?? salary.minUsdYear) : null,
    // The listing's facets as bit masks (see facetMask); 0 when not stated. Seniority: every level it is open to.
    stackBits: stackMask(row.stacks),
    focusBits: focusMask(row.focus),
    seniorityBits: seniorityMask(seniorityRange(row.seniority, row.seniorities)),
    employerBit: row.employerType ? employerMask([row.employerType]) : 0,
    // The job's fingerprints under the other remote scopes its post could have stated.
    sameJob: sameJobFingerprints(row.company, row.title, row.remote.scope),
  };
}
export type Candidate = ReturnType<typeof toCandidate>;

/** Each stack as the digest shows it and by its id ("Go" and "go", "C# / .NET" and "dotnet"), lower-cased. */
const STACK_WORDS = new Map<string, string>(STACKS.map((s) => [s, `${s} ${FACET_LABELS[s].toLowerCase()}`]));

/**
 * What keyword filters search (DESIGN.md §2.1): title, company, tags, stacks by id and label, and
 * the text; lower-cased, one field per line, padded so every word has a boundary on each side.
 */
export function searchTextOf(row: Pick<ListingRow, "title" | "company" | "description" | "stacks" | "tags">): string {
  const stacks = row.stacks.map((s) => STACK_WORDS.get(s as Stack) ?? s).join(" ");
  const tags = (row.tags ?? []).join(" · ");
  return ` ${`${row.title}\n${row.company}\n${tags}\n${stacks}\n${row.description}`.toLowerCase()} `;
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
