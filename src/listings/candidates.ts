import type { EmployerType } from "../domain/facets";
import { normalise } from "./classify";
import { cleanInline } from "./classify/text";
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
    candidates.push({ ...listing, expiresAt: raw.expiresAt, tags: sourceTags(raw) });
  }
  return { candidates, rejected };
}

const MAX_TAGS = 40;
const MAX_TAG_LENGTH = 80;

/**
 * The source's own tags and categories, as plain text, each once (keyword filters search them:
 * a board's "golang" tag is how a reader finds its Go jobs). Bounded: a payload cannot make a
 * listing's search text grow without limit.
 */
export function sourceTags(raw: RawListing): string[] {
  const seen = new Set<string>();
  const tags: string[] = [];
  for (const value of [...(raw.hints.tags ?? []), ...(raw.hints.categories ?? [])]) {
    const tag = cleanInline(String(value).slice(0, 4 * MAX_TAG_LENGTH)).slice(0, MAX_TAG_LENGTH);
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length === MAX_TAGS) break;
  }
  return tags;
}
