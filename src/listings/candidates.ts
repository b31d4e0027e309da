import type { EmployerType } from "../domain/facets";
import { normalise } from "./classify";
import { cleanInline, stripControls } from "./classify/text";
import { LISTING_LIMITS, listingLabel, safeApplyUrl } from "./sources/bounds";
import { boundSourceClaims } from "./source-claims";
import type { ListingCandidate } from "./store";
import type { ClassifiableType, RawListing } from "./sources";

/** Reasons kept per batch: enough for an operator to see what is wrong, never a flood. */
const MAX_REJECTION_REASONS = 5;
// A URL's scheme, shown in a reason ("javascript:"); anything longer or odder is not named.
const SCHEME = /^[a-z][a-z0-9+.-]{0,15}:/i;

/** Listings ready to store, and how many were refused with the first few reasons. */
export interface Candidates {
  candidates: ListingCandidate[];
  rejected: number;
  /** Up to five, e.g. "no title", "unsafe apply URL (javascript:)", "no company". */
  reasons: string[];
}

/**
 * Classifies what an adapter parsed into listings ready to store. Refused, each with a reason:
 * no title; no usable apply URL (http(s), parsed with `URL`, no whitespace or controls); and,
 * with `requireCompany` (what is stored and mailed), no company, since a digest card must name
 * its employer. `classify` prints company-less listings as they are: it stores nothing.
 */
export function toCandidates(
  raws: RawListing[],
  opts: { type: ClassifiableType; employerType: EmployerType | null; now: Date; requireCompany?: boolean },
): Candidates {
  const result: Candidates = { candidates: [], rejected: 0, reasons: [] };
  for (const raw of raws) {
    // Titles and company names are untrusted too: no markup or invisible formatting survives
    // into pages or emails, and their lengths stay capped (sources/bounds.ts).
    const title = listingLabel(raw.title, LISTING_LIMITS.titleChars);
    const company = listingLabel(raw.company, LISTING_LIMITS.companyChars);
    const url = safeApplyUrl(raw.url);
    const reason = rejection(raw, { title, company, url, requireCompany: opts.requireCompany ?? false });
    if (reason) {
      result.rejected++;
      if (result.reasons.length < MAX_REJECTION_REASONS) result.reasons.push(reason);
      continue;
    }
    const clean = { ...raw, url: url as string, title, company };
    const normalised = normalise(clean, { source: opts.type, employerType: opts.employerType, now: opts.now });
    const listing = boundSourceClaims(normalised, opts.now);
    result.candidates.push({ ...listing, expiresAt: raw.expiresAt, tags: sourceTags(raw) });
  }
  return result;
}

// Why a listing cannot be stored, or null when it can.
function rejection(
  raw: RawListing,
  clean: { title: string; company: string; url: string | null; requireCompany: boolean },
): string | null {
  if (!clean.title) return "no title";
  if (!clean.url) {
    if (raw.url.trim() === "") return "no apply URL";
    const scheme = SCHEME.exec(raw.url.trim())?.[0].toLowerCase();
    return scheme && scheme !== "http:" && scheme !== "https:" ? `unsafe apply URL (${scheme})` : "unsafe apply URL";
  }
  if (clean.requireCompany && !clean.company) return "no company";
  return null;
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
    const tag = stripControls(cleanInline(String(value).slice(0, 4 * MAX_TAG_LENGTH))).slice(0, MAX_TAG_LENGTH);
    const key = tag.toLowerCase();
    if (!tag || seen.has(key)) continue;
    seen.add(key);
    tags.push(tag);
    if (tags.length === MAX_TAGS) break;
  }
  return tags;
}
