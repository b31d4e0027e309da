import { cleanInline } from "../classify/text";
import { toIsoDate } from "./payload";
import { SourceParseError, type RawListing, type SourceAdapter, type SourceContext } from "./raw-listing";
import { looksLikeRss, rssItems, rssText } from "./rss";

const TYPE = "weworkremotely";

// Titles read "Company: Job title"; a company name may itself contain ": " rarely, a title often.
function splitTitle(title: string): { company: string; title: string } {
  const at = title.indexOf(": ");
  return at > 0 ? { company: title.slice(0, at).trim(), title: title.slice(at + 2).trim() } : { company: "", title };
}

/**
 * One We Work Remotely RSS `<item>` (an XML string). `<region>` is the applicant region
 * ("Anywhere in the World", "USA Only"); the description is escaped HTML.
 */
export function parseWeWorkRemotelyItem(item: unknown, ctx: SourceContext): RawListing {
  if (typeof item !== "string" || !/<item\b/i.test(item)) throw new SourceParseError(TYPE, "item is not an RSS <item> string");
  const link = rssText(item, "link") || rssText(item, "guid");
  if (!link) throw new SourceParseError(TYPE, "item without a link or guid");
  const { company, title } = splitTitle(cleanInline(rssText(item, "title")));
  const region = cleanInline(rssText(item, "region"));
  return {
    sourceId: rssText(item, "guid") || link,
    url: link,
    title,
    company: ctx.company ?? company,
    descriptionHtml: rssText(item, "description") || null,
    descriptionText: null,
    postedAt: toIsoDate(rssText(item, "pubDate")),
    expiresAt: toIsoDate(rssText(item, "expires_at")),
    location: region,
    hints: {
      remoteOnlyBoard: true,
      // <state>/<country> hold the employer's headquarters, not where applicants may live.
      applicantLocations: region ? [region] : [],
      tags: rssText(item, "skills").split(",").map(cleanInline).filter(Boolean),
      categories: [cleanInline(rssText(item, "category"))].filter(Boolean),
      employmentType: cleanInline(rssText(item, "type")) || null,
    },
  };
}

/** We Work Remotely RSS, per category (`remote-programming-jobs`…) or all jobs. */
export const weworkremotely: SourceAdapter = {
  type: TYPE,
  parse(payloadText, ctx) {
    if (!looksLikeRss(payloadText)) throw new SourceParseError(TYPE, "payload is not an RSS document");
    return rssItems(payloadText).map((item) => parseWeWorkRemotelyItem(item, ctx));
  },
  parseItem: parseWeWorkRemotelyItem,
  fetchUrl: ({ board }) =>
    !board || board === "all"
      ? "https://weworkremotely.com/remote-jobs.rss"
      : `https://weworkremotely.com/categories/${encodeURIComponent(board)}.rss`,
};
