import { z } from "zod";
import {
  asObject,
  firstPathSegment,
  parseEnvelope,
  parseJsonPayload,
  readArray,
  readLabel,
  readObject,
  readString,
  readStrings,
  toIsoDate,
} from "./payload";
import { SourceParseError, type RawListing, type SourceContext, type WorkplaceHint } from "./raw-listing";
import { salaryHint } from "./salary-hint";
import { defineAdapter } from "./define-adapter";

const TYPE = "lever";
const Envelope = z.array(z.unknown());

const WORKPLACES: Record<string, WorkplaceHint> = {
  remote: "remote",
  hybrid: "hybrid",
  "on-site": "onsite",
  onsite: "onsite",
};

// Lever splits the posting into an opening, titled lists (requirements…) and a closing part.
function describe(posting: Record<string, unknown>): string {
  const lists = readArray(posting, "lists").map((entry) => {
    const list = entry as Record<string, unknown>;
    return `<h3>${readString(list, "text")}</h3><ul>${readString(list, "content")}</ul>`;
  });
  return [readString(posting, "description"), ...lists, readString(posting, "additional")].join("\n");
}

/** One Lever posting (`mode=json`): createdAt is in milliseconds; salaryRange is optional. */
export function parseLeverPosting(item: unknown, ctx: SourceContext): RawListing {
  const posting = asObject(TYPE, item);
  const id = readString(posting, "id");
  if (!id) throw new SourceParseError(TYPE, "posting without an id");
  const categories = readObject(posting, "categories");
  const url = readString(posting, "hostedUrl", "applyUrl");
  const range = readObject(posting, "salaryRange");
  const country = readString(posting, "country");
  return {
    sourceId: id,
    url,
    title: readLabel(posting, "text"),
    company: ctx.company ?? firstPathSegment(url),
    descriptionHtml: describe(posting),
    descriptionText: null,
    postedAt: toIsoDate(posting.createdAt),
    expiresAt: null,
    location: readLabel(categories, "location"),
    hints: {
      workplace: WORKPLACES[readString(posting, "workplaceType").toLowerCase()] ?? null,
      salary: range
        ? salaryHint(range.min, range.max, readString(range, "currency"), readString(range, "interval"))
        : null,
      locations: readStrings(categories, "allLocations"),
      countryCodes: country ? [country.toUpperCase()] : [],
      categories: [readLabel(categories, "team"), readLabel(categories, "department")].filter(Boolean),
      employmentType: readLabel(categories, "commitment") || null,
    },
  };
}

/** Lever Postings API: `GET /v0/postings/{board}?mode=json` returns a bare array. */
export const lever = defineAdapter({
  type: TYPE,
  items: (payloadText) => ({ items: parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText)) }),
  parseItem: parseLeverPosting,
  fetchUrl: ({ board }) => `https://api.lever.co/v0/postings/${encodeURIComponent(board)}?mode=json`,
});
