import type { ListingRow } from "../../db/schema";

/**
 * A listing prepared once per run for matching many subscribers: lower-cased text for keyword
 * checks and the numbers the filters compare, so the per-subscriber loop does no parsing.
 */
export interface Candidate {
  row: ListingRow;
  searchText: string;
  companyKey: string;
  firstSeenMs: number;
  postedMs: number;
  salaryTopUsd: number | null;
}

export const companyKey = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, " ").trim();

export function toCandidate(row: ListingRow): Candidate {
  const salary = row.salary;
  return {
    row,
    searchText: ` ${`${row.title}\n${row.company}\n${row.description}`.toLowerCase()} `,
    companyKey: companyKey(row.company),
    firstSeenMs: row.firstSeenAt.getTime(),
    postedMs: (row.postedAt ?? row.firstSeenAt).getTime(),
    salaryTopUsd: salary ? (salary.maxUsdYear ?? salary.minUsdYear) : null,
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
