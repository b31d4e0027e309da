import { z } from "zod";
import {
  asObject,
  parseEnvelope,
  parseJsonPayload,
  readLabel,
  readString,
  readStrings,
  toIsoDate,
  type JsonObject,
} from "./payload";
import { SourceParseError, type RawListing, type SalaryHint, type SourceContext } from "./raw-listing";
import { salaryHint } from "./salary-hint";
import { defineAdapter } from "./define-adapter";

const TYPE = "jobicy";
const Envelope = z.object({ jobs: z.array(z.unknown()) });

// v2 sends annualSalaryMin/Max; newer payloads send salaryMin/Max with salaryPeriod.
function salary(job: JsonObject): SalaryHint | null {
  const currency = readString(job, "salaryCurrency");
  return (
    salaryHint(job.annualSalaryMin, job.annualSalaryMax, currency, "year") ??
    salaryHint(job.salaryMin, job.salaryMax, currency, readString(job, "salaryPeriod") || "year")
  );
}

/** One Jobicy job: `jobGeo` is the applicant location ("Anywhere", "USA", "LATAM, EMEA"). */
export function parseJobicyJob(item: unknown, ctx: SourceContext): RawListing {
  const job = asObject(TYPE, item);
  const id = readString(job, "id");
  if (!id) throw new SourceParseError(TYPE, "job without an id");
  const html = readString(job, "jobDescription");
  return {
    sourceId: id,
    url: readString(job, "url"),
    title: readLabel(job, "jobTitle"),
    company: ctx.company ?? readLabel(job, "companyName"),
    descriptionHtml: html || null,
    descriptionText: html ? null : readString(job, "jobExcerpt") || null,
    postedAt: toIsoDate(job.pubDate),
    expiresAt: null,
    location: readLabel(job, "jobGeo"),
    hints: {
      remoteOnlyBoard: true,
      salary: salary(job),
      level: readLabel(job, "jobLevel") || null,
      categories: readStrings(job, "jobIndustry"),
      employmentType: readStrings(job, "jobType").join(", ") || null,
    },
  };
}

/** Jobicy API v2: `GET /api/v2/remote-jobs?count=50[&tag=…][&geo=…][&industry=…]`. */
export const jobicy = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const { jobs } = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    return { items: jobs };
  },
  parseItem: parseJobicyJob,
  fetchUrl: ({ tag, geo, industry }) => {
    const query = new URLSearchParams({ count: "50" });
    if (tag) query.set("tag", tag);
    if (geo) query.set("geo", geo);
    if (industry) query.set("industry", industry);
    return `https://jobicy.com/api/v2/remote-jobs?${query.toString()}`;
  },
});
