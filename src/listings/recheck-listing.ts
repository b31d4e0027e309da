import { FetchError, fetchSource, type FetchPolicy } from "./fetch-source";
import { getSourceAdapter, SOURCE_ADAPTERS } from "./sources";
import type { SourceConfig } from "./sources-config";

/** What one re-check found: only "gone" leaves a listing out; "inconclusive" keeps it. */
export type RecheckVerdict = "open" | "gone" | "inconclusive";

/**
 * Sources whose public API answers one job at the board's own feed path plus the job's id, and
 * answers 404 once the job is taken down: Greenhouse `/v1/boards/B/jobs/ID`, Lever
 * `/v0/postings/B/ID`, SmartRecruiters `/v1/companies/B/postings/ID`. Every other source
 * (Ashby, Workable, the boards) is re-checked at the listing's own URL there.
 */
const PER_JOB_API = new Set(["greenhouse", "lever", "smartrecruiters"]);

// The URL the source is fetched at: its configured `url`, else its adapter's for the board.
const feedUrl = (source: SourceConfig): string | null =>
  source.url ?? getSourceAdapter(source.type).fetchUrl({ ...source.options, board: source.board ?? "" });

/** The URL to re-check a listing at: the source's per-job endpoint, else the listing's URL at that source. */
export function recheckUrl(source: SourceConfig, sourceId: string, listingUrl: string): string {
  if (!PER_JOB_API.has(source.type)) return listingUrl;
  const feed = feedUrl(source);
  if (!feed) return listingUrl;
  const url = new URL(feed);
  url.search = "";
  url.hash = "";
  url.pathname = `${url.pathname.replace(/\/+$/, "")}/${encodeURIComponent(sourceId)}`;
  return url.toString();
}

/**
 * The fetch policy for re-checking `url` at `source`. SOURCES_ALLOW_PRIVATE lets the *configured*
 * URL point inside; a listing's own URL is whatever the poster typed (a public board's job could
 * name `http://10.0.0.5/admin`), so it may be private only on the origin the source is fetched from.
 */
export function recheckPolicy(source: SourceConfig, url: string, policy: FetchPolicy): FetchPolicy {
  if (!policy.allowPrivate) return policy;
  const feed = feedUrl(source);
  return feed !== null && sameOrigin(feed, url) ? policy : { ...policy, allowPrivate: false };
}

function sameOrigin(a: string, b: string): boolean {
  try {
    return new URL(a).origin === new URL(b).origin;
  } catch {
    return false;
  }
}

/**
 * Asks the source once whether a listing is still there (one attempt, the policy's timeout, its
 * safe fetch). Gone only on a definite answer: 404 or 410, or a body in which the source itself
 * marks the job closed. A network error, a timeout, a 5xx, a 429 or any other refusal proves
 * nothing, so the listing is kept.
 */
export async function recheckListing(url: string, policy: FetchPolicy, now: Date): Promise<RecheckVerdict> {
  try {
    const answer = await fetchSource(url, { etag: null, lastModified: null }, { ...policy, attempts: 1 });
    if (answer.status === "not_modified") return "open";
    return markedClosed(answer.body, now) ? "gone" : "open";
  } catch (err) {
    if (err instanceof FetchError && (err.httpStatus === 404 || err.httpStatus === 410)) return "gone";
    return "inconclusive";
  }
}

const CLOSED_WORDS = new Set([
  "closed",
  "archived",
  "expired",
  "filled",
  "unpublished",
  "inactive",
  "cancelled",
  "canceled",
]);
/** Pages larger than this are not searched for JSON-LD (a job page is far smaller). */
const MAX_MARKER_BODY = 2_000_000;

/**
 * Whether the source's own answer says the job is closed: a JSON job whose `isListed` (Ashby) or
 * `active` (SmartRecruiters) is false, whose status or state is a closing word, or whose stated
 * expiry has passed; or a page whose schema.org JobPosting has a `validThrough` in the past.
 */
export function markedClosed(body: string, now: Date): boolean {
  const start = body.trimStart()[0];
  if (start === "{") {
    let job: unknown;
    try {
      job = JSON.parse(body);
    } catch {
      return false;
    }
    return jsonMarksClosed(job as Record<string, unknown>, now);
  }
  if (body.length > MAX_MARKER_BODY || !/application\/ld\+json/i.test(body)) return false;
  try {
    const postings = SOURCE_ADAPTERS.jsonld.parse(body, { sourceName: "recheck" });
    return (
      postings.length > 0 && postings.every((p) => p.expiresAt !== null && Date.parse(p.expiresAt) < now.getTime())
    );
  } catch {
    return false; // no readable JobPosting: nothing is marked
  }
}

function jsonMarksClosed(job: Record<string, unknown>, now: Date): boolean {
  if (!job || typeof job !== "object" || Array.isArray(job)) return false;
  if (job.isListed === false || job.active === false) return true;
  for (const key of ["status", "state"]) {
    const value = job[key];
    if (typeof value === "string" && CLOSED_WORDS.has(value.trim().toLowerCase())) return true;
  }
  // Dates only as ISO text: a bare number may be seconds or milliseconds, and a misread one would close the job.
  for (const key of ["validThrough", "expiresAt", "expires_at", "expiryDate"]) {
    const value = job[key];
    if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}/.test(value) && Date.parse(value) < now.getTime()) return true;
  }
  return false;
}
