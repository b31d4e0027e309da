import { z } from "zod";
import { repairMojibake } from "../classify/entities";
import { cleanInline } from "../classify/text";
import {
  asObject,
  parseEnvelope,
  parseJsonPayload,
  readString,
  readStrings,
  toIsoDate,
  type JsonObject,
} from "./payload";
import { SourceParseError, type RawListing, type SourceContext } from "./raw-listing";
import { salaryHint } from "./salary-hint";
import { defineAdapter } from "./define-adapter";
import { plainLabel } from "./label-text";

const TYPE = "remoteok";
const Envelope = z.array(z.unknown());

// Remote OK appends an anti-spam instruction for applicants; it is not part of the job.
const APPLY_FOOTER = "please mention the word";
// A break or paragraph opener at the very end; only ever run on a short tail (linear).
const TRAILING_BREAK = /(<p>|<br\s*\/?>)$/i;

// The description without the footer and the breaks that lead to it.
function withoutApplyFooter(html: string): string {
  const at = html.toLowerCase().indexOf(APPLY_FOOTER);
  if (at < 0) return html;
  let head = html.slice(0, at).trimEnd();
  for (let tail = TRAILING_BREAK.exec(head.slice(-16)); tail; tail = TRAILING_BREAK.exec(head.slice(-16))) {
    head = head.slice(0, head.length - tail[0].length).trimEnd();
  }
  return head;
}

// Remote OK sends UTF-8 text that was decoded as Latin-1 somewhere upstream.
function text(job: JsonObject, key: string): string {
  return repairMojibake(readString(job, key));
}

/**
 * One Remote OK job. `epoch` is in seconds; salary_min/max of 0 mean "not stated"
 * (non-zero values may be Remote OK's own estimate, always USD per year).
 */
export function parseRemoteOkJob(item: unknown, ctx: SourceContext): RawListing {
  const job = asObject(TYPE, item);
  const id = readString(job, "id");
  if (!id) throw new SourceParseError(TYPE, "job without an id");
  return {
    sourceId: id,
    url: readString(job, "url", "apply_url"),
    title: plainLabel(text(job, "position")),
    company: ctx.company ?? plainLabel(text(job, "company")),
    descriptionHtml: withoutApplyFooter(text(job, "description")) || null,
    descriptionText: null,
    postedAt: toIsoDate(job.epoch) ?? toIsoDate(job.date),
    expiresAt: null,
    location: cleanInline(text(job, "location")).replace(/,\s*$/, ""),
    hints: {
      remoteOnlyBoard: true,
      salary: salaryHint(job.salary_min, job.salary_max, "USD", "year"),
      tags: readStrings(job, "tags"),
    },
  };
}

// Element 0 of the array is the API's legal notice, not a job.
function isLegalNotice(item: unknown): boolean {
  return !!item && typeof item === "object" && "legal" in item && !("id" in item);
}

/** Remote OK public API (`GET https://remoteok.com/api`); its terms require a followed link back. */
export const remoteok = defineAdapter({
  type: TYPE,
  items(payloadText) {
    const items = parseEnvelope(TYPE, Envelope, parseJsonPayload(TYPE, payloadText));
    return { items: items.filter((item) => !isLegalNotice(item)) };
  },
  parseItem: parseRemoteOkJob,
  fetchUrl: ({ tag }) => (tag ? `https://remoteok.com/api?tag=${encodeURIComponent(tag)}` : "https://remoteok.com/api"),
  attribution: 'Jobs from <a href="https://remoteok.com" rel="follow">Remote OK</a>',
});
