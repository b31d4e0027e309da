import { decodeEntities } from "../classify/entities";

const ITEM = /<item\b[^>]*>[\s\S]*?<\/item\s*>/gi;

/** The `<item>…</item>` blocks of an RSS document, in order. */
export function rssItems(xml: string): string[] {
  return xml.match(ITEM) ?? [];
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * The text of the first `<tag>` in an RSS fragment: CDATA unwrapped or XML entities decoded
 * once (so an escaped HTML description comes back as HTML); "" when absent or self-closing.
 */
export function rssText(fragment: string, tag: string): string {
  const name = escapeRegExp(tag);
  const match = new RegExp(`<${name}(?:\\s[^>]*)?>([\\s\\S]*?)</${name}\\s*>`, "i").exec(fragment);
  if (!match?.[1]) return "";
  const body = match[1].trim();
  const cdata = /^<!\[CDATA\[([\s\S]*?)\]\]>$/.exec(body);
  return (cdata ? cdata[1] ?? "" : decodeEntities(body)).trim();
}

/** Whether the fragment is an RSS or Atom document at all. */
export function looksLikeRss(xml: string): boolean {
  return /<rss\b|<channel\b|<feed\b/i.test(xml);
}
