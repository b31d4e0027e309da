import { decodeEntities } from "../classify/entities";
import { MAX_LABEL_INPUT_CHARS } from "../classify/text";

// HTML (and SVG/MathML root) element names: a `<name>` with one of these is markup. Anything else
// in angle brackets ("Backend Engineer <Go>", "Lt Co <Inc>") is text a poster typed.
const ELEMENT_NAMES: ReadonlySet<string> = new Set(
  (
    "a abbr address area article aside audio b base bdi bdo big blink blockquote body br button canvas caption " +
    "center cite code col colgroup dd del details dfn dialog div dl dt em embed fieldset figcaption figure font " +
    "footer form frame frameset h1 h2 h3 h4 h5 h6 head header hr html i iframe img input ins kbd label legend li " +
    "link main map mark marquee math menu meta meter nav noscript object ol optgroup option p param picture pre " +
    "progress q s samp script section select small source span strike strong style sub summary sup svg table " +
    "tbody td template textarea tfoot th thead time title tr track tt u ul var video wbr xmp"
  ).split(" "),
);

// Elements whose content is never text (scripts, styles, drawings): dropped with the element when it is closed.
const INVISIBLE_CONTENT: ReadonlySet<string> = new Set([
  "script",
  "style",
  "svg",
  "math",
  "noscript",
  "template",
  "iframe",
  "object",
  "title",
  "xmp",
]);

// One tag-like run: "<", an optional "/", a whole name (the lookahead stops the name and the rest
// from sharing letters, which made "<aaaa…" quadratic), then anything up to the next ">" that holds
// no "<". Each match stops at the next "<", so the scan is linear. `<!…>` and `<?…>` are markup too.
const TAG_LIKE = /<(\/?)([a-z][a-z0-9:-]*)(?![a-z0-9:-])([^<>]*)>|<[!?][^<>]*>/gi;

// Where each invisible element closes, looked up once per name per call (never rescanned).
function closeIndex(lower: string, name: string, from: number, seen: Map<string, number>): number {
  const known = seen.get(name);
  if (known !== undefined && (known === -1 || known >= from)) return known;
  const at = lower.indexOf(`</${name}`, from);
  seen.set(name, at);
  return at;
}

/**
 * The text with real markup removed and nothing decoded: a tag of an HTML element, any tag with
 * an attribute value (`<x onload=…>`), and comments or declarations go; a closed script, style or
 * svg element goes with its content. A `<` that starts no such tag stays as text. Each removed tag
 * becomes a space, so removing one never joins two halves into a new tag. Linear in the input.
 */
export function stripMarkup(text: string): string {
  if (!text.includes("<")) return text;
  const lower = text.toLowerCase();
  const closes = new Map<string, number>();
  const parts: string[] = [];
  let last = 0;
  TAG_LIKE.lastIndex = 0;
  for (let match = TAG_LIKE.exec(text); match; match = TAG_LIKE.exec(text)) {
    const [tag, slash, rawName, rest] = match;
    const name = rawName?.toLowerCase();
    const isMarkup = name === undefined || ELEMENT_NAMES.has(name) || (rest ?? "").includes("=");
    if (!isMarkup) continue;
    parts.push(text.slice(last, match.index), " ");
    last = match.index + tag.length;
    if (name && !slash && INVISIBLE_CONTENT.has(name)) {
      const close = closeIndex(lower, name, last, closes);
      const end = close === -1 ? -1 : lower.indexOf(">", close);
      if (end !== -1) last = end + 1;
    }
    TAG_LIKE.lastIndex = last;
  }
  parts.push(text.slice(last));
  return parts.join("");
}

/**
 * A one-line label (title, company) from a field that may carry character references and stray
 * HTML: references decoded exactly once, real markup removed (stripMarkup), whitespace collapsed.
 * "Engineer &lt;Go&gt;" reads "Engineer <Go>"; "<b>Go</b> Engineer" reads "Go Engineer". The
 * result is plain text: never decode or parse it again. Reads at most MAX_LABEL_INPUT_CHARS.
 */
export function plainLabel(text: string | null | undefined): string {
  if (!text) return "";
  const decoded = decodeEntities(text.slice(0, MAX_LABEL_INPUT_CHARS));
  // A zero-width space marks a word break; read it as one before invisible formatting is dropped.
  return stripMarkup(decoded)
    .replace(/[\s\u200b]+/g, " ")
    .trim();
}
