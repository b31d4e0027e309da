import { z } from "zod";
import { SALARY_PERIODS } from "../../domain/facets";
import { parseEnvelope, parseJsonPayload } from "./payload";
import type { RawListing, SourceContext } from "./raw-listing";
import { defineAdapter } from "./define-adapter";
import { plainLabel } from "./label-text";

const TYPE = "manual";

/** A listing added by hand: the operator writes this JSON, so fields are checked strictly. */
export const ManualListingSchema = z.object({
  id: z.string().min(1).optional(),
  url: z.url(),
  title: z.string().min(1),
  company: z.string().min(1).optional(),
  description: z.string().default(""),
  /** "html" when the description is HTML; plain text otherwise. */
  descriptionFormat: z.enum(["text", "html"]).default("text"),
  postedAt: z.iso.datetime({ offset: true }).or(z.iso.date()).nullish(),
  expiresAt: z.iso.datetime({ offset: true }).or(z.iso.date()).nullish(),
  location: z.string().default(""),
  workplace: z.enum(["remote", "hybrid", "onsite"]).nullish(),
  seniority: z.string().nullish(),
  salary: z
    .object({
      min: z.number().positive().nullish(),
      max: z.number().positive().nullish(),
      currency: z.string().length(3).default("USD"),
      period: z.enum(SALARY_PERIODS).default("year"),
    })
    .refine((s) => s.min == null || s.max == null || s.min <= s.max, {
      message: "salary.min must not be more than salary.max",
    })
    .nullish(),
  tags: z.array(z.string()).default([]),
});
export type ManualListing = z.infer<typeof ManualListingSchema>;

function toIso(value: string | null | undefined): string | null {
  return value ? new Date(value).toISOString() : null;
}

/** One hand-written listing; its sourceId is the given id, or the URL. */
export function parseManualListing(item: unknown, ctx: SourceContext): RawListing {
  const listing = parseEnvelope(TYPE, ManualListingSchema, item);
  const salary = listing.salary;
  return {
    sourceId: listing.id ?? listing.url,
    url: listing.url,
    title: plainLabel(listing.title),
    company: plainLabel(listing.company ?? ctx.company ?? ""),
    descriptionHtml: listing.descriptionFormat === "html" ? listing.description : null,
    descriptionText: listing.descriptionFormat === "text" ? listing.description : null,
    postedAt: toIso(listing.postedAt),
    expiresAt: toIso(listing.expiresAt),
    location: listing.location,
    hints: {
      workplace: listing.workplace ?? null,
      level: listing.seniority ?? null,
      tags: listing.tags,
      salary:
        salary && (salary.min || salary.max)
          ? {
              min: salary.min ?? null,
              max: salary.max ?? null,
              currency: salary.currency.toUpperCase(),
              period: salary.period,
            }
          : null,
    },
  };
}

/** Listings added by hand: one JSON object or an array of them. Nothing to fetch. */
export const manual = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const payload = parseJsonPayload(TYPE, payloadText);
    return { items: Array.isArray(payload) ? payload : [payload] };
  },
  parseItem: parseManualListing,
  fetchUrl: () => null,
});
