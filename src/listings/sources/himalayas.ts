import { z } from "zod";
import {
  asObject,
  parseEnvelope,
  parseJsonPayload,
  readArray,
  readLabel,
  readString,
  readStrings,
  toIsoDate,
  toNumber,
} from "./payload";
import { SourceParseError, type RawListing, type SourceContext } from "./raw-listing";
import { salaryHint } from "./salary-hint";
import { defineAdapter } from "./define-adapter";

const TYPE = "himalayas";
const Envelope = z.object({ jobs: z.array(z.unknown()) });

/**
 * One Himalayas job: `pubDate`/`expiryDate` are epoch seconds, `locationRestrictions` are
 * country or region names, `timezoneRestrictions` are UTC offsets in hours.
 */
export function parseHimalayasJob(item: unknown, ctx: SourceContext): RawListing {
  const job = asObject(TYPE, item);
  const guid = readString(job, "guid", "applicationLink");
  if (!guid) throw new SourceParseError(TYPE, "job without a guid");
  const restrictions = readStrings(job, "locationRestrictions");
  const company = readLabel(job, "companyName");
  return {
    sourceId: guid,
    url: readString(job, "applicationLink", "guid"),
    title: readLabel(job, "title"),
    // Some payloads carry a placeholder company name; the slug is then the better label.
    company: ctx.company ?? (company && company !== "name" ? company : readString(job, "companySlug")),
    descriptionHtml: readString(job, "description") || null,
    descriptionText: null,
    postedAt: toIsoDate(job.pubDate),
    expiresAt: toIsoDate(job.expiryDate),
    location: restrictions.join(", "),
    hints: {
      remoteOnlyBoard: true,
      salary: salaryHint(job.minSalary, job.maxSalary, readString(job, "currency"), readString(job, "salaryPeriod")),
      level: readStrings(job, "seniority").join(", ") || null,
      applicantLocations: restrictions,
      utcOffsets: readArray(job, "timezoneRestrictions")
        .map(toNumber)
        .filter((n): n is number => n !== null),
      categories: [...readStrings(job, "parentCategories"), ...readStrings(job, "categories")],
      employmentType: readLabel(job, "employmentType") || null,
    },
  };
}

/** Himalayas public jobs API: `GET https://himalayas.app/jobs/api?limit=20`. */
export const himalayas = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const { jobs } = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    return { items: jobs };
  },
  parseItem: parseHimalayasJob,
  fetchUrl: ({ limit }) => `https://himalayas.app/jobs/api?limit=${encodeURIComponent(limit ?? "20")}`,
});
