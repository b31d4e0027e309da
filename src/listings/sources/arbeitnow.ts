import { z } from "zod";
import { asObject, parseEnvelope, parseJsonPayload, readLabel, readString, readStrings, toIsoDate } from "./payload";
import { SourceParseError, type RawListing, type SourceContext } from "./raw-listing";
import { defineAdapter } from "./define-adapter";

const TYPE = "arbeitnow";
const Envelope = z.object({ data: z.array(z.unknown()) });

/** One Arbeitnow job: `remote` is the board's own remote flag; `location` is the office's town. */
export function parseArbeitnowJob(item: unknown, ctx: SourceContext): RawListing {
  const job = asObject(TYPE, item);
  const id = readString(job, "slug");
  if (!id) throw new SourceParseError(TYPE, "job without a slug");
  const html = readString(job, "description");
  return {
    sourceId: id,
    url: readString(job, "url"),
    title: readLabel(job, "title"),
    company: ctx.company ?? readLabel(job, "company_name"),
    descriptionHtml: html || null,
    descriptionText: null,
    postedAt: toIsoDate(job.created_at),
    expiresAt: null,
    location: readLabel(job, "location"),
    hints: {
      workplace: job.remote === true ? "remote" : job.remote === false ? "onsite" : null,
      tags: readStrings(job, "tags"),
      employmentType: readStrings(job, "job_types").join(", ") || null,
    },
  };
}

/**
 * Arbeitnow's job board API (`{"data": [...], "links", "meta"}`), for `classify` only: it is not
 * one of the sources DESIGN.md §3 names, so none can be configured or imported.
 */
export const arbeitnow = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const { data } = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    return { items: data };
  },
  parseItem: parseArbeitnowJob,
  fetchUrl: () => null,
});
