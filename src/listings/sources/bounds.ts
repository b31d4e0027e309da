import { MAX_DESCRIPTION_TEXT_CHARS, MAX_HTML_INPUT_CHARS, stripControls } from "../classify/text";
import { stripMarkup } from "./label-text";
import type { ListingHints, RawListing } from "./raw-listing";

/**
 * Hard caps on what one listing may carry into classification, storage, pages and emails.
 * Applied here, as every adapter builds its raw listing (defineAdapter), so the classifiers,
 * the store and the digest never see more, whatever a public board lets a poster type:
 * - a title of 300 and a company of 200 characters (real ones are under 120 and 60; a digest
 *   card must stay small so a digest fits under Gmail's 102 KB clipping point);
 * - a description of 256 KB of HTML before it is parsed and 100 KB of text after (htmlToText
 *   applies the same two caps to any input): real descriptions are a few KB, and every
 *   classifier reads the whole text;
 * - a location of 500 characters (HN headers and lists of countries run long, not longer);
 * - an apply URL of 2,048 characters (it is in every digest card twice; longer is refused);
 * - a source id of 2,048 characters, as long as a URL may be (JSON-LD and hand-added listings use
 *   their URL as id; real ids are under 140; longer is refused): a listing's id is kept in every
 *   digest's ledger row that matched it, so 300 ids of 60,000 characters made each subscriber's
 *   row 20 MB a week (D1 refuses a row over 2 MB).
 */
export const LISTING_LIMITS = {
  sourceIdChars: 2_048,
  titleChars: 300,
  companyChars: 200,
  locationChars: 500,
  urlChars: 2_048,
  descriptionHtmlChars: MAX_HTML_INPUT_CHARS,
  descriptionTextChars: MAX_DESCRIPTION_TEXT_CHARS,
} as const;

// Bidi controls (U+202A–U+202E, U+2066–U+2069, U+200E/F, U+061C) reorder what a reader sees
// ("moc.evil" shown as "live.com"); zero-width characters (U+200B–U+200D, U+2060, U+FEFF)
// hide text or split words so filters miss them. Neither belongs in a title or a company name.
const INVISIBLE_FORMATTING = /[\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]/g;

/** The text without bidi controls and zero-width characters. */
export function stripInvisibleFormatting(text: string): string {
  return text.replace(INVISIBLE_FORMATTING, "");
}

/** The first `max` UTF-16 units of a text, never cutting a surrogate pair in half. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  const end = /[\ud800-\udbff]/.test(text.charAt(max - 1)) ? max - 1 : max;
  return text.slice(0, end);
}

// U+FFFD is what a decoder puts where a source sent bytes that are not UTF-8: noise to a reader.
const REPLACEMENT_CHARACTERS = /\ufffd+/g;

/**
 * A title or company as it may be shown: one line, no markup, no control characters, no
 * invisible formatting, no U+FFFD, capped. Never decodes character references: adapters decode a field once as they read
 * it (plainLabel), and this runs again on their output, so decoding here would decode twice.
 */
export function listingLabel(text: string, max: number): string {
  // Cut before cleaning too, so a megabyte of markup in a title costs nothing to clean.
  const cut = stripControls(truncate(text, max * 8));
  const cleaned = stripMarkup(stripInvisibleFormatting(cut.replace(REPLACEMENT_CHARACTERS, "")));
  return truncate(cleaned.replace(/\s+/g, " ").trim(), max);
}

// Whitespace and C0/C1 controls: a URL containing them is not one a source meant (or phishing text).
const URL_UNSAFE = /[\s\u0000-\u001f\u007f-\u009f]/;

/**
 * An apply URL as it may be stored and shown: parsed with `URL`, http or https only, nothing that
 * `URL` would silently drop or escape (whitespace, line breaks, control characters), returned
 * normalised (`url.href`). Null when the URL is not one.
 */
export function safeApplyUrl(url: string): string | null {
  const trimmed = url.trim();
  if (trimmed === "" || URL_UNSAFE.test(trimmed)) return null;
  let parsed: URL;
  try {
    parsed = new URL(trimmed);
  } catch {
    return null;
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") return null;
  if (parsed.username || parsed.password || parsed.href.length > LISTING_LIMITS.urlChars) return null;
  return parsed.href;
}

// A description as it may be classified: capped, then without control characters but tabs and line breaks.
function boundDescription(text: string | null, max: number): string | null {
  return text === null ? null : stripControls(truncate(text, max), { multiline: true });
}

// Tags and categories are stored and searched as labels: one line each, no control characters.
function boundHints(hints: ListingHints): ListingHints {
  const bounded = { ...hints };
  if (hints.tags) bounded.tags = hints.tags.map((tag) => stripControls(String(tag)));
  if (hints.categories) bounded.categories = hints.categories.map((category) => stripControls(String(category)));
  return bounded;
}

/**
 * A raw listing within LISTING_LIMITS (see above) and without control characters in any text it
 * carries to a page, an email or a terminal; its other fields are left as the adapter made them.
 */
export function boundRawListing(raw: RawListing): RawListing {
  return {
    ...raw,
    title: listingLabel(raw.title, LISTING_LIMITS.titleChars),
    company: listingLabel(raw.company, LISTING_LIMITS.companyChars),
    location: stripControls(truncate(raw.location, LISTING_LIMITS.locationChars)),
    descriptionHtml: boundDescription(raw.descriptionHtml, LISTING_LIMITS.descriptionHtmlChars),
    descriptionText: boundDescription(raw.descriptionText, LISTING_LIMITS.descriptionTextChars),
    hints: boundHints(raw.hints),
  };
}
