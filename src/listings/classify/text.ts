import { compile, type FormatCallback, type SelectorDefinition } from "html-to-text";
import { flatText, measureMarkup } from "./markup-parser";

/**
 * Longest plain-text description kept (characters): a job description is a few KB; past 100 KB
 * it is padding or an attack, and every classifier reads the whole text.
 */
export const MAX_DESCRIPTION_TEXT_CHARS = 100_000;

/**
 * Longest HTML converted (characters); the rest is never parsed. Converting is linear but not
 * free (256 KB of "<p>a" takes about 0.5 s), and real descriptions are under 60 KB of HTML.
 */
export const MAX_HTML_INPUT_CHARS = 256 * 1024;

// Elements whose content is never text a reader should see (and may be hostile).
const INVISIBLE = [
  "script",
  "style",
  "noscript",
  "template",
  "iframe",
  "object",
  "embed",
  "svg",
  "math",
  "head",
  "title",
  "img",
];
const INVISIBLE_SET: ReadonlySet<string> = new Set(INVISIBLE);

// Real descriptions nest a dozen levels and have a few hundred elements. html-to-text's own
// parser pays up to the nesting depth for each stray closing tag, and html-to-text ~10 µs per
// element (256 KB of "<p>a" took 0.5 s), so markup past either bound is reduced to its words and
// line breaks by one plain parser pass instead (flatText: 256 KB in ~50 ms).
const MAX_NESTING = 64;
const MAX_ELEMENTS = 4_000;

/** Longest input cleanInline reads: labels (titles, companies, tags) are short; more is padding. */
export const MAX_LABEL_INPUT_CHARS = 4_096;

// A table cell is followed by a space so "<td>a</td><td>b</td>" reads "a b", not "ab".
const cell: FormatCallback = (elem, walk, builder) => {
  walk(elem.children, builder);
  builder.addInline(" ", { noWordTransform: true });
};

const SELECTORS: SelectorDefinition[] = [
  ...INVISIBLE.map((selector) => ({ selector, format: "skip" })),
  { selector: "a", options: { ignoreHref: true } },
  { selector: "ul", options: { itemPrefix: "- ", leadingLineBreaks: 1 } },
  { selector: "ol", format: "unorderedList", options: { itemPrefix: "- ", leadingLineBreaks: 1 } },
  ...["h1", "h2", "h3", "h4", "h5", "h6"].map((selector) => ({
    selector,
    options: { uppercase: false, leadingLineBreaks: 2 },
  })),
  { selector: "table", format: "block" },
  { selector: "tr", format: "block", options: { leadingLineBreaks: 1, trailingLineBreaks: 1 } },
  { selector: "td", format: "cell" },
  { selector: "th", format: "cell" },
];

// html-to-text parses with htmlparser2 (a linear tokenizer, no Node built-ins: runs on Workers).
// maxDepth bounds the recursion over absurdly nested markup (deeper content is dropped).
const convert = compile({
  wordwrap: false,
  formatters: { cell },
  selectors: SELECTORS,
  limits: { maxDepth: MAX_NESTING, maxInputLength: MAX_HTML_INPUT_CHARS },
});

// Below this size neither bound can cost more than a few milliseconds: not worth measuring.
const MEASURE_ABOVE_CHARS = 16_384;

function convertOnce(html: string): string {
  if (html.length <= MEASURE_ABOVE_CHARS) return convert(html);
  const { elements, depth } = measureMarkup(html);
  return depth > MAX_NESTING || elements > MAX_ELEMENTS ? flatText(html, INVISIBLE_SET) : convert(html);
}

// Text with no tag and no character reference needs no parser, only whitespace tidying.
const needsParsing = (text: string) => text.includes("<") || text.includes("&");

// Whitespace html-to-text keeps that a reader should not see twice; one character class, linear.
const SPACES = /[\t\f\v \u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+/g;
const LOOKS_LIKE_MARKUP = /<\/?[a-z][a-z0-9]*(\s[^<>]*)?\/?>/i;
const CLOSED_TAG = /<\/?[a-z!?][^<>]*>/gi;

// Trims lines, collapses blank runs to one blank line and drops a blank line before a bullet.
function tidyWhitespace(text: string): string {
  const lines = text.replace(/\r\n?/g, "\n").replace(SPACES, " ").split("\n");
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.trim();
    const previous = out[out.length - 1];
    if (line === "" || line === "-") {
      if (previous !== undefined && previous !== "") out.push("");
      continue;
    }
    if (line.startsWith("- ") && previous === "") out.pop();
    out.push(line);
  }
  while (out[out.length - 1] === "") out.pop();
  return out.join("\n");
}

// An ANSI terminal sequence (ESC [ parameters intermediates final), as in "\x1b[31mRED\x1b[0m":
// dropped whole, so no "[31m" is left behind. Disjoint classes after a literal: linear.
// An operating-system command ("\x1b]0;window title\x07", ending in BEL or ESC \) goes whole too: its
// text is an instruction to the terminal, not the listing's. Unterminated, only its ESC goes (below).
const TERMINAL_SEQUENCE = /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
// C0 and C1 control characters and DEL (NUL, BEL, ESC, …) but tab and line feed. NUL also cut
// the text short in libSQL (everything after it was lost), and ESC/BEL reach an operator's terminal.
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/g;

/**
 * The text without control characters (DESIGN.md §6: listing text is untrusted and reduced to
 * plain text). `multiline` (descriptions) keeps tabs and line breaks, a CR or CRLF becoming a line
 * feed; otherwise (titles, companies, locations, tags, keywords) they become spaces.
 */
export function stripControls(text: string, opts: { multiline?: boolean } = {}): string {
  const plain = text.replace(TERMINAL_SEQUENCE, "").replace(/\r\n?/g, "\n");
  return (opts.multiline ? plain : plain.replace(/[\t\n]/g, " ")).replace(CONTROLS, "");
}

/**
 * Reduces untrusted listing HTML to plain text (html-to-text on htmlparser2, linear in the
 * input): drops script/style contents and every tag with its attributes, decodes entities,
 * keeps paragraph and list-item line breaks. Markup that was escaped twice (decodes into tags)
 * is converted again, so no tag survives. Reads at most MAX_HTML_INPUT_CHARS of HTML and returns
 * at most MAX_DESCRIPTION_TEXT_CHARS of text, without control characters: character references
 * decode only here ("&#27;" becomes ESC), so this is where every description loses them.
 */
export function htmlToText(html: string): string {
  return stripControls(markupToText(html), { multiline: true });
}

function markupToText(html: string): string {
  const input = html.slice(0, MAX_HTML_INPUT_CHARS);
  // In HTML a line break is a space, as html-to-text would read it.
  if (!needsParsing(input)) return tidyWhitespace(input.replace(/[\r\n]+/g, " ")).slice(0, MAX_DESCRIPTION_TEXT_CHARS);
  let text = convertOnce(input);
  for (let pass = 0; pass < 3 && LOOKS_LIKE_MARKUP.test(text); pass++) text = convertOnce(text);
  // Whatever still parses as a tag after that is dropped without decoding again.
  return tidyWhitespace(text.replace(CLOSED_TAG, " ")).slice(0, MAX_DESCRIPTION_TEXT_CHARS);
}

/** Plain text given by a source: entities decoded, stray tags dropped, whitespace tidied. */
export function cleanPlainText(text: string): string {
  return htmlToText(text.replaceAll("\n", "<br>"));
}

/**
 * A one-line label (title, company, location): entities decoded, tags and whitespace collapsed.
 * Reads at most MAX_LABEL_INPUT_CHARS.
 */
export function cleanInline(text: string | null | undefined): string {
  if (!text) return "";
  return htmlToText(text.slice(0, MAX_LABEL_INPUT_CHARS)).replace(/\s+/g, " ").trim();
}
