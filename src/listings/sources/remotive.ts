import { z } from "zod";
import { findStatedSalary } from "../classify/salary";
import { asObject, parseEnvelope, parseJsonPayload, readLabel, readString, readStrings, toIsoDate } from "./payload";
import { SourceParseError, type RawListing, type SalaryHint, type SourceContext } from "./raw-listing";
import { defineAdapter } from "./define-adapter";

const TYPE = "remotive";
const Envelope = z.object({ jobs: z.array(z.unknown()) });

/** Remotive's `salary` is free text ("$90 - $150 /hour", "$170k - $200k", "Competitive"): read as stated pay. */
function salary(text: string): SalaryHint | null {
  return text.trim() ? findStatedSalary(`Salary: ${text}`) : null;
}

/** One Remotive job: `candidate_required_location` is where applicants must live ("USA", "Worldwide"). */
export function parseRemotiveJob(item: unknown, ctx: SourceContext): RawListing {
  const job = asObject(TYPE, item);
  const id = readString(job, "id");
  if (!id) throw new SourceParseError(TYPE, "job without an id");
  const html = readString(job, "description");
  return {
    sourceId: id,
    url: readString(job, "url"),
    title: readLabel(job, "title"),
    company: ctx.company ?? readLabel(job, "company_name"),
    descriptionHtml: html || null,
    descriptionText: null,
    postedAt: toIsoDate(job.publication_date),
    expiresAt: null,
    location: readLabel(job, "candidate_required_location"),
    hints: {
      remoteOnlyBoard: true,
      salary: salary(readString(job, "salary")),
      tags: readStrings(job, "tags"),
      categories: readStrings(job, "category"),
      employmentType: readLabel(job, "job_type") || null,
    },
  };
}

/**
 * Remotive's public API (`{"jobs": [...]}`), for `classify` only: its terms forbid showing its jobs
 * to collect email sign-ups (DESIGN.md §3), so no source of this type can be configured or imported
 * and there is no URL to fetch.
 */
export const remotive = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const { jobs } = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    return { items: jobs };
  },
  parseItem: parseRemotiveJob,
  fetchUrl: () => null,
});
