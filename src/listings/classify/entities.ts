import { decodeHTML, decodeHTMLStrict } from "entities";

/**
 * Decodes HTML character references once (the full HTML5 table, via the `entities` decoder that
 * htmlparser2 uses; linear). Sources send titles and descriptions with entities (`&amp;`,
 * `&#x2F;`, `&rsquo;`), sometimes escaped twice (Greenhouse `content`). Unknown names stay as written.
 */
export function decodeEntities(text: string): string {
  return decodeHTML(text);
}

// One reference with a terminating ";", tested on a short window only (never the whole text).
const FEED_ENTITY = /^&(#x[0-9a-f]{1,8}|#[0-9]{1,9}|[a-z][a-z0-9]{0,31});/i;
const LONGEST_REFERENCE = 34;

/**
 * Decodes the character references of feed (XML) text once. A name that is neither XML's nor
 * HTML's is one the document declared itself (`<!ENTITY lol9 …>`, the "billion laughs"): it is
 * never expanded, and dropped rather than shown to readers as `&lol9;`. One pass over the text.
 */
export function decodeFeedEntities(text: string): string {
  if (!text.includes("&")) return text;
  // Feeds repeat a few references many times: each is looked up once per call.
  const seen = new Map<string, string>();
  const parts: string[] = [];
  let last = 0;
  for (let at = text.indexOf("&"); at !== -1; at = text.indexOf("&", at + 1)) {
    const reference = FEED_ENTITY.exec(text.slice(at, at + LONGEST_REFERENCE))?.[0];
    if (!reference) continue;
    let decoded = seen.get(reference);
    if (decoded === undefined) {
      const strict = decodeHTMLStrict(reference);
      seen.set(reference, (decoded = strict === reference ? "" : strict));
    }
    parts.push(text.slice(last, at), decoded);
    last = at + reference.length;
    at = last - 1;
  }
  parts.push(text.slice(last));
  return parts.join("");
}

const MOJIBAKE_HINT = /[ÃÂâãäåæçèéêëïð][\u0080-\u00bf]/;

/**
 * Repairs UTF-8 text that was decoded as Latin-1 upstream (Remote OK sends "Ã©" for "é"
 * and "ã\u0081«" for "に"). Only applied when the whole string re-encodes to valid UTF-8,
 * so correct text is never touched.
 */
export function repairMojibake(text: string): string {
  if (!MOJIBAKE_HINT.test(text)) return text;
  const bytes = new Uint8Array(text.length);
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return text;
    bytes[i] = code;
  }
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return text;
  }
}
