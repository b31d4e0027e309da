import type { NormalisedListing, Salary } from "./listing";

/** Above this a year (in US dollars) a stated figure is a typo or a hostile feed, not pay. */
const MAX_PLAUSIBLE_USD_YEAR = 5_000_000;

/**
 * What a source may claim about a listing, bounded where every listing passes (toCandidates), so
 * `classify` prints what `import` and `ingest` store: a posted date later than the fetch (`now`)
 * is the fetch's time, since a source's clock or a hostile feed must not date a listing next year,
 * which would rank it first in every digest; a salary no employer pays ("$1000000000000k/year") is
 * dropped rather than shown, matched against a subscriber's floor and ranked as "pay stated".
 */
export function boundSourceClaims(listing: NormalisedListing, now: Date): NormalisedListing {
  return { ...listing, postedAt: notAfter(listing.postedAt, now), salary: plausibleSalary(listing.salary) };
}

function notAfter(iso: string | null, now: Date): string | null {
  if (iso === null) return null;
  return Date.parse(iso) > now.getTime() ? now.toISOString() : iso;
}

function plausibleSalary(salary: Salary | null): Salary | null {
  if (!salary) return null;
  const top = Math.max(salary.minUsdYear ?? 0, salary.maxUsdYear ?? 0);
  return top > MAX_PLAUSIBLE_USD_YEAR ? null : salary;
}
