import { cleanInline } from "../classify/text";
import { toIsoDate } from "./payload";
import { defineAdapter } from "./define-adapter";
import { plainLabel } from "./label-text";
import { SourceParseError, type RawListing, type SourceContext } from "./raw-listing";
import { parseRss, type RssItem } from "./rss";

const TYPE = "weworkremotely";

// Titles read "Company: Job title"; a company name may itself contain ": " rarely, a title often.
function splitTitle(title: string): { company: string; title: string } {
  const at = title.indexOf(": ");
  return at > 0 ? { company: title.slice(0, at).trim(), title: title.slice(at + 2).trim() } : { company: "", title };
}

// An item as the RSS parser gives it, or (labelled fixtures, tests) as the XML of one <item>.
function rssItemOf(item: unknown): RssItem {
  if (typeof item === "string" && item.trimStart().toLowerCase().startsWith("<item")) {
    const [parsed] = parseRss(item).items;
    if (parsed) return parsed;
  }
  if (item && typeof item === "object" && !Array.isArray(item)) return item as RssItem;
  throw new SourceParseError(TYPE, "item is not an RSS <item>");
}

/**
 * One We Work Remotely RSS `<item>`. `<region>` is the applicant region ("Anywhere in the
 * World", "USA Only"); the description is escaped HTML.
 */
export function parseWeWorkRemotelyItem(input: unknown, ctx: SourceContext): RawListing {
  const item = rssItemOf(input);
  const field = (name: string) => (typeof item[name] === "string" ? item[name] : "");
  const link = field("link") || field("guid");
  if (!link) throw new SourceParseError(TYPE, "item without a link or guid");
  const { company, title } = splitTitle(plainLabel(field("title")));
  const region = cleanInline(field("region"));
  return {
    sourceId: field("guid") || link,
    url: link,
    title,
    company: ctx.company ?? company,
    descriptionHtml: field("description") || null,
    descriptionText: null,
    postedAt: toIsoDate(field("pubdate")),
    expiresAt: toIsoDate(field("expires_at")),
    location: region,
    hints: {
      remoteOnlyBoard: true,
      // <state>/<country> hold the employer's headquarters, not where applicants may live.
      applicantLocations: region ? [region] : [],
      tags: field("skills").split(",").map(cleanInline).filter(Boolean),
      categories: [cleanInline(field("category"))].filter(Boolean),
      employmentType: cleanInline(field("type")) || null,
    },
  };
}

/**
 * We Work Remotely RSS, per category (`remote-programming-jobs`…) or all jobs. A document with
 * no <item> at all is not a feed we can read (an error page, a changed format), never "no jobs".
 */
export const weworkremotely = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const feed = parseRss(payloadText);
    if (!feed.isFeed) throw new SourceParseError(TYPE, "payload is not an RSS document");
    if (feed.items.length === 0) throw new SourceParseError(TYPE, "RSS document has no <item>");
    return { items: feed.items };
  },
  parseItem: parseWeWorkRemotelyItem,
  fetchUrl: ({ board }) =>
    !board || board === "all"
      ? "https://weworkremotely.com/remote-jobs.rss"
      : `https://weworkremotely.com/categories/${encodeURIComponent(board)}.rss`,
});
