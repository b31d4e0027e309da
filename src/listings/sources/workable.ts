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

const TYPE = "workable";
// The widget/accounts API answers { name, jobs }; the v3 careers API answers { total, results }.
const Envelope = z.union([
  z.object({ name: z.string().optional(), jobs: z.array(z.unknown()) }),
  z.object({ results: z.array(z.unknown()) }),
]);

const WORKPLACES: Record<string, WorkplaceHint> = {
  remote: "remote",
  hybrid: "hybrid",
  on_site: "onsite",
  onsite: "onsite",
};

function place(loc: JsonObject | undefined): string {
  return [readLabel(loc, "city"), readLabel(loc, "region", "state"), readLabel(loc, "country")]
    .filter(Boolean)
    .join(", ");
}

function workplace(job: JsonObject): WorkplaceHint | null {
  const stated = WORKPLACES[readString(job, "workplace").toLowerCase()];
  if (stated) return stated;
  return job.telecommuting === true || job.remote === true ? "remote" : null;
}

/** One Workable job from the accounts/widget API (`shortcode`, `telecommuting`) or the v3 API. */
export function parseWorkableJob(item: unknown, ctx: SourceContext & { accountName?: string }): RawListing {
  const job = asObject(TYPE, item);
  const shortcode = readString(job, "shortcode", "id");
  if (!shortcode) throw new SourceParseError(TYPE, "job without a shortcode");
  const locations = readArray(job, "locations").map((loc) => loc as JsonObject);
  const primary = readObject(job, "location") ?? job;
  const html = readString(job, "description") + readString(job, "requirements") + readString(job, "benefits");
  return {
    sourceId: shortcode,
    url: readString(job, "url", "shortlink") || `https://apply.workable.com/j/${shortcode}`,
    title: readLabel(job, "title"),
    company: ctx.company ?? ctx.accountName ?? "",
    descriptionHtml: html || null,
    descriptionText: null,
    postedAt: toIsoDate(job.published_on) ?? toIsoDate(job.published) ?? toIsoDate(job.created_at),
    expiresAt: null,
    location: place(primary),
    hints: {
      workplace: workplace(job),
      level: readLabel(job, "experience") || null,
      locations: locations.map(place).filter(Boolean),
      countryCodes: [...locations.map((loc) => readString(loc, "countryCode")), readString(primary, "countryCode")]
        .filter(Boolean)
        .map((code) => code.toUpperCase()),
      categories: [readLabel(job, "department"), readLabel(job, "function"), readLabel(job, "industry")].filter(
        Boolean,
      ),
      employmentType: readLabel(job, "employment_type", "type") || null,
    },
  };
}

// The widget lists one row per location of the same job: merge them into one listing.
function mergeByShortcode(listings: RawListing[]): RawListing[] {
  const byId = new Map<string, RawListing>();
  for (const listing of listings) {
    const seen = byId.get(listing.sourceId);
    if (!seen) {
      byId.set(listing.sourceId, listing);
      continue;
    }
    const merge = (a: string[] = [], b: string[] = []) => [...new Set([...a, ...b])];
    seen.hints.locations = merge(seen.hints.locations, [listing.location, ...(listing.hints.locations ?? [])]);
    seen.hints.countryCodes = merge(seen.hints.countryCodes, listing.hints.countryCodes);
  }
  return [...byId.values()];
}

/** Workable widget API: `GET /api/v1/widget/accounts/{board}?details=true` (one row per location). */
export const workable = defineAdapter({
  type: TYPE,
  items(payloadText, ctx) {
    const envelope = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    const accountName = "name" in envelope ? envelope.name : undefined;
    return {
      items: "jobs" in envelope ? envelope.jobs : envelope.results,
      ctx: { ...ctx, ...(accountName ? { accountName } : {}) },
    };
  },
  parseItem: parseWorkableJob,
  combine: mergeByShortcode,
  fetchUrl: ({ board }) =>
    `https://apply.workable.com/api/v1/widget/accounts/${encodeURIComponent(board)}?details=true`,
});
