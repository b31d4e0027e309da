import type { EmployerType } from "../domain/facets";
import { normalise } from "./classify";
import { LISTING_LIMITS, listingLabel, safeApplyUrl } from "./sources/bounds";
import type { ListingCandidate } from "./store";
import type { RawListing, SourceType } from "./sources";

/**
 * Classifies what an adapter parsed into listings ready to store; items without a title or a
 * usable apply URL (http(s), parsed with `URL`, no whitespace or controls) are rejected.
 */
export function toCandidates(
  raws: RawListing[],
  opts: { type: SourceType; employerType: EmployerType | null; now: Date },
): { candidates: ListingCandidate[]; rejected: number } {
  const candidates: ListingCandidate[] = [];
  let rejected = 0;
  for (const raw of raws) {
    // Titles and company names are untrusted too: no markup or invisible formatting survives
    // into pages or emails, and their lengths stay capped (sources/bounds.ts).
    const title = listingLabel(raw.title, LISTING_LIMITS.titleChars);
    const url = safeApplyUrl(raw.url);
    if (!title || !url) {
      rejected++;
      continue;
    }
    const clean = { ...raw, url, title, company: listingLabel(raw.company, LISTING_LIMITS.companyChars) };
    const listing = normalise(clean, { source: opts.type, employerType: opts.employerType, now: opts.now });
    candidates.push({ ...listing, expiresAt: raw.expiresAt });
  }
  return { candidates, rejected };
}
