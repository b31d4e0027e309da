import { z } from "zod";
import {
  asObject,
  parseEnvelope,
  parseJsonPayload,
  readArray,
  readLabel,
  readObject,
  readString,
  toIsoDate,
  type JsonObject,
} from "./payload";
import { SourceParseError, type RawListing, type SourceContext, type WorkplaceHint } from "./raw-listing";
import { defineAdapter } from "./define-adapter";

const TYPE = "smartrecruiters";
const Envelope = z.object({ content: z.array(z.unknown()) });

// "Work flexibility" is a custom field many employers fill in ("Office-based", "Hybrid", "Remote").
function workplace(posting: JsonObject, location: JsonObject | undefined): WorkplaceHint | null {
  if (location?.remote === true) return "remote";
  if (location?.hybrid === true) return "hybrid";
  for (const field of readArray(posting, "customField")) {
    const entry = field as JsonObject;
    if (!/work\s*(flexibility|place|model|arrangement)/i.test(readString(entry, "fieldLabel"))) continue;
    const value = readString(entry, "valueLabel").toLowerCase();
    if (/remote|home/.test(value)) return "remote";
    if (/hybrid/.test(value)) return "hybrid";
    if (/office|on-?site/.test(value)) return "onsite";
  }
  return null;
}

/** One SmartRecruiters posting from the list endpoint: title and structured fields, no description. */
export function parseSmartRecruitersPosting(item: unknown, ctx: SourceContext): RawListing {
  const posting = asObject(TYPE, item);
  const id = readString(posting, "id");
  if (!id) throw new SourceParseError(TYPE, "posting without an id");
  const company = readObject(posting, "company");
  const location = readObject(posting, "location");
  const identifier = readString(company, "identifier");
  const country = readString(location, "country");
  return {
    sourceId: id,
    url: identifier ? `https://jobs.smartrecruiters.com/${identifier}/${id}` : readString(posting, "ref"),
    title: readLabel(posting, "name"),
    company: ctx.company ?? readLabel(company, "name"),
    descriptionHtml: null,
    descriptionText: null,
    postedAt: toIsoDate(posting.releasedDate),
    expiresAt: null,
    location:
      readLabel(location, "fullLocation") ||
      [readLabel(location, "city"), readLabel(location, "region")].filter(Boolean).join(", "),
    hints: {
      workplace: workplace(posting, location),
      level: readString(readObject(posting, "experienceLevel"), "id") || null,
      countryCodes: country ? [country.toUpperCase()] : [],
      categories: [
        readLabel(readObject(posting, "function"), "label"),
        readLabel(readObject(posting, "department"), "label"),
      ].filter(Boolean),
      employmentType: readLabel(readObject(posting, "typeOfEmployment"), "label") || null,
    },
  };
}

/** SmartRecruiters Posting API: `GET /v1/companies/{board}/postings`. */
export const smartrecruiters = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const { content } = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    return { items: content };
  },
  parseItem: parseSmartRecruitersPosting,
  fetchUrl: ({ board }) => `https://api.smartrecruiters.com/v1/companies/${encodeURIComponent(board)}/postings`,
});
