import { z } from "zod";
import {
  asObject,
  parseEnvelope,
  parseJsonPayload,
  readArray,
  readLabel,
  readObject,
  readString,
  readStrings,
  toIsoDate,
  type JsonObject,
} from "./payload";
import { SourceParseError, type RawListing, type SourceContext, type WorkplaceHint } from "./raw-listing";
import { salaryHint } from "./salary-hint";
import { defineAdapter } from "./define-adapter";

const TYPE = "recruitee";
const Envelope = z.object({ offers: z.array(z.unknown()) });

function workplace(offer: JsonObject): WorkplaceHint | null {
  if (offer.hybrid === true) return "hybrid";
  if (offer.remote === true) return "remote";
  if (offer.on_site === true) return "onsite";
  return null;
}

/** One Recruitee offer; its structured salary is kept as stated even when it looks wrong. */
export function parseRecruiteeOffer(item: unknown, ctx: SourceContext): RawListing {
  const offer = asObject(TYPE, item);
  const id = readString(offer, "id");
  if (!id) throw new SourceParseError(TYPE, "offer without an id");
  const salary = readObject(offer, "salary");
  const locations = readArray(offer, "locations").map((loc) => loc as JsonObject);
  const codes = [readString(offer, "country_code"), ...locations.map((loc) => readString(loc, "country_code"))];
  return {
    sourceId: id,
    url: readString(offer, "careers_url", "careers_apply_url"),
    title: readLabel(offer, "title"),
    company: ctx.company ?? readLabel(offer, "company_name"),
    descriptionHtml: `${readString(offer, "description")}\n${readString(offer, "requirements")}`,
    descriptionText: null,
    postedAt: toIsoDate(offer.published_at) ?? toIsoDate(offer.created_at),
    expiresAt: toIsoDate(offer.close_at),
    location: readLabel(offer, "location"),
    hints: {
      workplace: workplace(offer),
      salary: salary
        ? salaryHint(salary.min, salary.max, readString(salary, "currency"), readString(salary, "period"))
        : null,
      level: readString(offer, "experience_code") || null,
      locations: locations.map((loc) => readLabel(loc, "name")).filter(Boolean),
      countryCodes: [...new Set(codes.filter(Boolean).map((code) => code.toUpperCase()))],
      tags: readStrings(offer, "tags"),
      categories: [readLabel(offer, "department"), readLabel(offer, "category_code")].filter(Boolean),
      employmentType: readString(offer, "employment_type_code") || null,
    },
  };
}

/** Recruitee careers-site API: `GET https://{board}.recruitee.com/api/offers/`. */
export const recruitee = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const { offers } = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    return { items: offers };
  },
  parseItem: parseRecruiteeOffer,
  fetchUrl: ({ board }) => `https://${encodeURIComponent(board)}.recruitee.com/api/offers/`,
});
