import type { EmployerType } from "../domain/facets";
import { normalise } from "./classify";
import { cleanInline } from "./classify/text";
import type { ListingCandidate } from "./store";
import type { RawListing, SourceType } from "./sources";

/** Classifies what an adapter parsed into listings ready to store; items without a title or URL are rejected. */
export function toCandidates(
  raws: RawListing[],
  opts: { type: SourceType; employerType: EmployerType | null; now: Date },
): { candidates: ListingCandidate[]; rejected: number } {
  const candidates: ListingCandidate[] = [];
  let rejected = 0;
  for (const raw of raws) {
    if (!cleanInline(raw.title) || !/^https?:\/\//.test(raw.url)) {
      rejected++;
      continue;
    }
    // Titles and company names are untrusted too: no markup survives into pages or emails.
    const clean = { ...raw, title: cleanInline(raw.title), company: cleanInline(raw.company) };
    const listing = normalise(clean, { source: opts.type, employerType: opts.employerType, now: opts.now });
    candidates.push({ ...listing, expiresAt: raw.expiresAt });
  }
  return { candidates, rejected };
}
