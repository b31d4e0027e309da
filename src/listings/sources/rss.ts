import { decodeFeedEntities } from "../classify/entities";
import { createMarkupParser } from "../classify/markup-parser";

/**
 * One `<item>` of an RSS feed: the text of each direct child element, by lower-cased name, as the
 * first occurrence gives it. CDATA is kept as written; other text has its references decoded once
 * (so an escaped HTML description comes back as HTML). Markup nested inside a child comes back
 * as bare tags without attributes.
 */
export type RssItem = Readonly<Record<string, string>>;

export interface RssDocument {
  /** Whether the document is an RSS or Atom feed at all (an `<rss>`, `<channel>` or `<feed>` element). */
  isFeed: boolean;
  items: RssItem[];
}

const FEED_ROOTS = new Set(["rss", "channel", "feed", "rdf:rdf"]);

/**
 * Parses an RSS document with htmlparser2 in XML mode: linear in its length, no regular
 * expressions, no DTD. Entities a document declares itself are never expanded (see
 * decodeFeedEntities). An `<item>` inside an `<item>` is part of the outer one, not another item.
 */
export function parseRss(xml: string): RssDocument {
  const items: RssItem[] = [];
  let isFeed = false;
  let item: Record<string, string> | null = null;
  let depth = 0; // elements open inside the current item, the item itself included
  let field: { name: string; parts: string[] } | null = null;
  let inCdata = false;
  const parser = createMarkupParser(
    {
      onopentagname(raw) {
        const name = raw.toLowerCase();
        if (FEED_ROOTS.has(name)) isFeed = true;
        if (!item) {
          if (name === "item") (item = {}), (depth = 1);
          return;
        }
        depth++;
        if (depth === 2 && !(name in item)) field = { name, parts: [] };
        else if (field) field.parts.push(`<${name}>`);
      },
      onclosetag(raw) {
        if (!item) return;
        if (depth === 2 && field) {
          item[field.name] = field.parts.join("").trim();
          field = null;
        } else if (field && depth > 2) field.parts.push(`</${raw.toLowerCase()}>`);
        if (--depth === 0) items.push(item), (item = null);
      },
      ontext(text) {
        if (field) field.parts.push(inCdata ? text : decodeFeedEntities(text));
      },
      oncdatastart: () => void (inCdata = true),
      oncdataend: () => void (inCdata = false),
    },
    { xmlMode: true, decodeEntities: false, recognizeCDATA: true },
  );
  parser.end(xml);
  return { isFeed, items };
}
