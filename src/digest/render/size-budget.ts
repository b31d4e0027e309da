import type { WeeklyDigestProps } from "../../../emails/weekly-digest";
import type { DigestListing } from "../../../emails/_components/listing-card";
import { escapeHtml } from "./escape";

/**
 * Gmail clips a message whose HTML passes 102 KB and hides the rest behind "[Message clipped]",
 * the footer and its unsubscribe link included. A digest's HTML is kept under 95 KB: the rest is
 * margin for what a provider adds (tracking, transfer encoding is not counted by Gmail).
 */
export const MAX_DIGEST_HTML_BYTES = 95 * 1024;

// Measured on the templates (test/unit/digest-render/fits-gmail.test.ts checks these against
// real renders): the frame (head, heading, preview padding, filters, footer) is 6.1 KB without
// its values, a card 1.0 KB without its fields. Both rounded up.
const FRAME_FIXED_BYTES = 8 * 1024;
const CARD_FIXED_BYTES = 1_200;

const htmlBytes = (text: string) => utf8Length(escapeHtml(text));
const sumHtmlBytes = (texts: readonly string[]) => texts.reduce((n, t) => n + htmlBytes(t), 0);

/**
 * The bytes TextEncoder would write for the string, counted without writing them (encoding every
 * card field to measure it cost ~3% of the weekly run's CPU). A lone surrogate is written as
 * U+FFFD, three bytes.
 */
export function utf8Length(text: string): number {
  let bytes = text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x80) continue;
    if (c < 0x800) bytes += 1;
    else if (c >= 0xd800 && c < 0xdc00 && (text.charCodeAt(i + 1) & 0xfc00) === 0xdc00) {
      bytes += 2; // a surrogate pair, four bytes for two characters
      i++;
    } else bytes += 2;
  }
  return bytes;
}

/** An upper bound on the HTML bytes one card adds (its URL is in two links). */
function cardHtmlBytes({ title, company, url, salary, stack, remote, posted, source, why }: DigestListing): number {
  const texts = [title, company, salary, stack, remote, posted, source, why];
  // The title and company twice: the Apply button's accessible name repeats them.
  return CARD_FIXED_BYTES + 2 * htmlBytes(url) + sumHtmlBytes(texts) + htmlBytes(title) + htmlBytes(company);
}

/** An upper bound on the HTML bytes of everything but the cards (each URL counted twice, to be safe). */
export function frameHtmlBytes(props: Omit<WeeklyDigestProps, "listings">): number {
  // The preferences URL twice: the footer and the filters' "Change your filters" link.
  const urls = [props.seeAllUrl, props.preferencesUrl, props.preferencesUrl, props.pauseUrl, props.unsubscribeUrl];
  const texts = [
    props.heading,
    props.previewText,
    ...props.filters.flatMap((f) => [f.label, f.value]),
    ...props.attributions.flatMap((a) => [a.text, a.href]),
  ];
  return FRAME_FIXED_BYTES + 2 * sumHtmlBytes(urls) + sumHtmlBytes(texts);
}

/**
 * How many of the cards, in order, fit with the frame under MAX_DIGEST_HTML_BYTES (at least one:
 * a card is far smaller than the budget, its fields being capped at ingestion).
 */
export function cardsThatFit(frameBytes: number, cards: readonly DigestListing[]): number {
  let total = frameBytes;
  for (let k = 0; k < cards.length; k++) {
    total += cardHtmlBytes(cards[k]!);
    if (total > MAX_DIGEST_HTML_BYTES) return Math.max(1, k);
  }
  return cards.length;
}
