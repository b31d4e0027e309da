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
  toIsoDate,
  type JsonObject,
} from "./payload";
import {
  SourceParseError,
  type RawListing,
  type SalaryHint,
  type SourceContext,
  type WorkplaceHint,
} from "./raw-listing";
import { salaryHint } from "./salary-hint";
import { defineAdapter } from "./define-adapter";

const TYPE = "ashby";
const Envelope = z.object({ jobs: z.array(z.unknown()) });

const WORKPLACES: Record<string, WorkplaceHint> = { remote: "remote", hybrid: "hybrid", onsite: "onsite" };

// With includeCompensation=true, summaryComponents holds one entry per pay component.
function compensation(job: JsonObject): SalaryHint | null {
  for (const entry of readArray(readObject(job, "compensation"), "summaryComponents")) {
    const part = entry as JsonObject;
    if (readString(part, "compensationType") !== "Salary") continue;
    return salaryHint(part.minValue, part.maxValue, readString(part, "currencyCode"), readString(part, "interval"));
  }
  return null;
}

function workplace(job: JsonObject): WorkplaceHint | null {
  const stated = WORKPLACES[readString(job, "workplaceType").toLowerCase()];
  if (stated) return stated;
  return job.isRemote === true ? "remote" : null;
}

/** One Ashby posting-API job; `workplaceType` wins over `isRemote` (hybrid jobs say isRemote: true). */
export function parseAshbyJob(item: unknown, ctx: SourceContext): RawListing {
  const job = asObject(TYPE, item);
  const id = readString(job, "id");
  if (!id) throw new SourceParseError(TYPE, "job without an id");
  const url = readString(job, "jobUrl", "applyUrl");
  const html = readString(job, "descriptionHtml");
  const secondary = readArray(job, "secondaryLocations").map((loc) => readLabel(loc as JsonObject, "location"));
  const country = readLabel(readObject(readObject(job, "address"), "postalAddress"), "addressCountry");
  return {
    sourceId: id,
    url,
    title: readLabel(job, "title"),
    company: ctx.company ?? firstPathSegment(url),
    descriptionHtml: html || null,
    descriptionText: html ? null : readString(job, "descriptionPlain") || null,
    postedAt: toIsoDate(job.publishedAt),
    expiresAt: null,
    location: readLabel(job, "location"),
    hints: {
      workplace: workplace(job),
      salary: compensation(job),
      locations: secondary.filter(Boolean),
      officeLocations: country ? [country] : [],
      categories: [readLabel(job, "department"), readLabel(job, "team")].filter(Boolean),
      employmentType: readLabel(job, "employmentType") || null,
    },
  };
}

/** Ashby public posting API: `GET /posting-api/job-board/{board}?includeCompensation=true`. */
export const ashby = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const { jobs } = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    return { items: jobs.filter((job) => (job as JsonObject | null)?.isListed !== false) };
  },
  parseItem: parseAshbyJob,
  fetchUrl: ({ board }) =>
    `https://api.ashbyhq.com/posting-api/job-board/${encodeURIComponent(board)}?includeCompensation=true`,
});
