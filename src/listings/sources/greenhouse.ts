import { z } from "zod";
import { decodeEntities } from "../classify/entities";
import {
  asObject,
  parseEnvelope,
  parseJsonPayload,
  readArray,
  readLabel,
  readObject,
  readString,
  toIsoDate,
} from "./payload";
import { SourceParseError, type RawListing, type SourceContext } from "./raw-listing";
import { defineAdapter } from "./define-adapter";

const TYPE = "greenhouse";
const Envelope = z.object({ jobs: z.array(z.unknown()) });

function names(items: unknown[]): string[] {
  return items.map((item) => readLabel(item as Record<string, unknown>, "name")).filter(Boolean);
}

/** One Greenhouse job-board job (`content=true`): its `content` is HTML escaped once more. */
export function parseGreenhouseJob(item: unknown, ctx: SourceContext): RawListing {
  const job = asObject(TYPE, item);
  const id = readString(job, "id");
  if (!id) throw new SourceParseError(TYPE, "job without an id");
  const content = readString(job, "content");
  return {
    sourceId: id,
    url: readString(job, "absolute_url"),
    title: readLabel(job, "title"),
    company: ctx.company ?? readLabel(job, "company_name"),
    descriptionHtml: content ? decodeEntities(content) : null,
    descriptionText: null,
    postedAt: toIsoDate(job.first_published) ?? toIsoDate(job.updated_at),
    expiresAt: toIsoDate(job.application_deadline),
    location: readLabel(readObject(job, "location"), "name"),
    hints: {
      officeLocations: names(readArray(job, "offices")),
      categories: names(readArray(job, "departments")),
    },
  };
}

/** Greenhouse Job Board API: `GET /v1/boards/{board}/jobs?content=true`. */
export const greenhouse = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const { jobs } = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    return { items: jobs };
  },
  parseItem: parseGreenhouseJob,
  fetchUrl: ({ board }) => `https://boards-api.greenhouse.io/v1/boards/${encodeURIComponent(board)}/jobs?content=true`,
});
