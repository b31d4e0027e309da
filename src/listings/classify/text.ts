import { decodeEntities } from "./entities";

// Elements whose content is never text a reader should see (and may be hostile).
const INVISIBLE = /<(script|style|noscript|template|iframe|object|embed|svg|math|head|title)\b[^>]*>[\s\S]*?<\/\1\s*>/gi;
const UNCLOSED_INVISIBLE = /<(script|style|noscript|template|iframe)\b[\s\S]*$/i;
const COMMENT = /<!--[\s\S]*?(-->|$)|<!\[CDATA\[|\]\]>/g;
const BLOCK_BREAK = /<\/?(p|div|br|hr|h[1-6]|ul|ol|table|tr|section|article|header|footer|blockquote|pre|dl|dt|dd|figure|figcaption|main|aside|nav|address)\b[^>]*>/gi;
const LIST_ITEM = /<li\b[^>]*>/gi;
const CELL = /<\/t[dh]\s*>/gi;
// Inline formatting sits inside words and sentences ("in <b>Go</b>."): removing it adds no space.
const INLINE = /<\/?(a|abbr|b|code|em|font|i|mark|s|small|span|strike|strong|sub|sup|u)\b[^<>]*>/gi;
// Any remaining tag, including attributes such as onerror= or href="javascript:…".
const TAG = /<\/?[a-z!?][^<>]*(>|$)/gi;
const CLOSED_TAG = /<\/?[a-z!?][^<>]*>/gi;
const LOOKS_LIKE_MARKUP = /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/i;

function stripMarkupOnce(html: string): string {
  return html
    .replace(COMMENT, " ")
    .replace(INVISIBLE, " ")
    .replace(UNCLOSED_INVISIBLE, " ")
    .replace(LIST_ITEM, "\n- ")
    .replace(BLOCK_BREAK, "\n")
    .replace(CELL, " ")
    .replace(INLINE, "")
    .replace(TAG, " ");
}

function tidyWhitespace(text: string): string {
  return text
    .replace(/\r\n?/g, "\n")
    .replace(/[\t\f\v \u00a0\u2000-\u200b\u202f\u205f\u3000]+/g, " ")
    .split("\n")
    .map((line) => line.trim())
    .join("\n")
    .replace(/\n(- )?\n+(?=- )/g, "\n") // an empty bullet or blank line before a bullet
    .replace(/\n{3,}/g, "\n\n")
    .trim();
}

/**
 * Reduces untrusted listing HTML to plain text: drops script/style contents and every tag
 * with its attributes, decodes entities, keeps paragraph and list-item line breaks.
 * Markup that was escaped twice (decodes into tags) is stripped again, so no tag survives.
 */
export function htmlToText(html: string): string {
  let text = decodeEntities(stripMarkupOnce(html));
  for (let pass = 0; pass < 3 && LOOKS_LIKE_MARKUP.test(text); pass++) {
    text = decodeEntities(stripMarkupOnce(text));
  }
  // Whatever still parses as a tag after that is dropped without decoding again.
  return tidyWhitespace(text.replace(CLOSED_TAG, " "));
}

/** Plain text given by a source: entities decoded, stray tags dropped, whitespace tidied. */
export function cleanPlainText(text: string): string {
  return htmlToText(text.replace(/\n/g, "<br>"));
}

/** A one-line label (title, company, location): entities decoded, tags and whitespace collapsed. */
export function cleanInline(text: string | null | undefined): string {
  if (!text) return "";
  return htmlToText(text).replace(/\s+/g, " ").trim();
}
