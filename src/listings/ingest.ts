import { and, count, eq } from "drizzle-orm";
import { listingSources, sourceStates } from "../../db/schema";
import type { Deps } from "../deps";
import { toCandidates } from "./candidates";
import { judgeFetch } from "./fetch-evidence";
import { sourceIsDue } from "./fetch-policy";
import { FetchError, fetchSource, type FetchPolicy } from "./fetch-source";
import { claimSource, SourceClaimLost, type SourceClaim } from "./source-claim";
import { getSourceAdapter, SourceParseError, type RawListing, type SourceType } from "./sources";
import { DEFAULT_MAX_LISTINGS, type SourceConfig } from "./sources-config";
import { closeStaleListings, countMisses } from "./closing";
import { addStoreSummary, emptyStoreSummary, STORE_BATCH, storeBatch } from "./store";
import { errorReason } from "../errors";

export interface SourceSummary {
  /** `suspicious`: fetched and stored, but trusted to close nothing (see fetch-evidence.ts); `busy`: another ingest holds it. */
  name: string;
  status: "ok" | "not_modified" | "skipped" | "failed" | "suspicious" | "busy";
  fetched: number;
  new: number;
  updated: number;
  merged: number;
  reopened: number;
  closed: number;
  /** Listings refused (no title, unsafe or no apply URL, no company); the first reasons are in `errors`. */
  rejected: number;
  /** Items the adapter skipped as malformed (the first reasons are in `errors`); the rest were stored. */
  skipped: number;
  /** Items past the source's `maxListings`, left out of this fetch. */
  capped: number;
  errors: string[];
  warnings: string[];
}

export interface IngestSummary {
  sources: SourceSummary[];
  closedExpired: number;
  closedTooOld: number;
  totals: {
    fetched: number;
    new: number;
    updated: number;
    closed: number;
    rejected: number;
    skipped: number;
    failed: number;
    suspicious: number;
    busy: number;
  };
}

export type IngestDeps = Pick<Deps, "db" | "log" | "config"> & { sources: SourceConfig[]; fetchPolicy: FetchPolicy };

const empty = (name: string, status: SourceSummary["status"]): SourceSummary => ({
  name,
  status,
  fetched: 0,
  new: 0,
  updated: 0,
  merged: 0,
  reopened: 0,
  closed: 0,
  rejected: 0,
  skipped: 0,
  capped: 0,
  errors: [],
  warnings: [],
});

/**
 * Fetches every enabled source (or just `only`), stores what came back and closes what went
 * stale. One source's failure never stops the others, and a failed or unparseable fetch stores
 * and closes nothing. A source fetched less than its minimum interval ago is skipped unless
 * `force`. Safe to run beside the digest and beside other ingests: each source is claimed for one
 * ingest at a time (another finds it `busy`).
 */
export async function runIngest(
  deps: IngestDeps,
  input: { now: Date; only?: string; force?: boolean; onProgress?: (line: string) => void },
): Promise<IngestSummary> {
  const selected = deps.sources.filter((s) => (input.only ? s.name === input.only : s.enabled) && s.type !== "manual");
  const results: SourceSummary[] = [];
  for (const [i, source] of selected.entries()) {
    input.onProgress?.(`[${i + 1}/${selected.length}] ${source.name}…`);
    const result = await ingestClaimed(deps, source, input.now, input.force ?? Boolean(input.only));
    const fields = {
      ...result,
      errors: result.errors.length ? result.errors : undefined,
      warnings: result.warnings.length ? result.warnings : undefined,
    };
    if (result.status === "suspicious") deps.log.warn("ingest.source_suspicious", fields);
    else deps.log.info("ingest.source", fields);
    results.push(result);
  }
  const stale = await closeStaleListings(deps.db, input.now, deps.config.listingMaxAgeDays);
  const sum = (k: "fetched" | "new" | "updated" | "closed" | "rejected" | "skipped") =>
    results.reduce((n, r) => n + r[k], 0);
  const withStatus = (status: SourceSummary["status"]) => results.filter((r) => r.status === status).length;
  return {
    sources: results,
    closedExpired: stale.expired,
    closedTooOld: stale.tooOld,
    totals: {
      fetched: sum("fetched"),
      new: sum("new"),
      updated: sum("updated"),
      closed: sum("closed") + stale.expired + stale.tooOld,
      rejected: sum("rejected"),
      skipped: sum("skipped"),
      failed: withStatus("failed"),
      suspicious: withStatus("suspicious"),
      busy: withStatus("busy"),
    },
  };
}

/** One source under its claim: `busy` when another ingest holds it, the claim released however it ends. */
async function ingestClaimed(
  deps: IngestDeps,
  source: SourceConfig,
  now: Date,
  force: boolean,
): Promise<SourceSummary> {
  const claim = await claimSource(deps.db, source.name);
  if (!claim) return { ...empty(source.name, "busy"), warnings: ["already being ingested by another run: left to it"] };
  try {
    return await ingestSource(deps, source, now, force, claim);
  } finally {
    await claim.release();
  }
}

async function ingestSource(
  deps: IngestDeps,
  source: SourceConfig,
  now: Date,
  force: boolean,
  claim: SourceClaim,
): Promise<SourceSummary> {
  const [state] = await deps.db.select().from(sourceStates).where(eq(sourceStates.name, source.name));
  if (!force && !sourceIsDue(state?.lastAttemptAt, now, source.minIntervalMinutes))
    return empty(source.name, "skipped");
  const adapter = getSourceAdapter(source.type);
  const url = source.url ?? adapter.fetchUrl({ ...source.options, board: source.board ?? "" });
  const saveState = (values: Partial<typeof sourceStates.$inferInsert>) =>
    deps.db
      .insert(sourceStates)
      .values({ name: source.name, lastAttemptAt: now, ...values })
      .onConflictDoUpdate({ target: sourceStates.name, set: { lastAttemptAt: now, ...values } });
  try {
    if (!url) throw new FetchError(`no URL: set "board" or "url" for source ${source.name}`);
    const fetched = await fetchSource(
      url,
      { etag: state?.etag ?? null, lastModified: state?.lastModified ?? null },
      deps.fetchPolicy,
    );
    if (fetched.status === "not_modified") {
      await saveState({ lastSuccessAt: now, lastError: null, consecutiveFailures: 0 });
      return empty(source.name, "not_modified");
    }
    await claim.renew();
    const parsed = adapter.parsePayload(fetched.body, {
      sourceName: source.name,
      ...(source.company ? { company: source.company } : {}),
    });
    const raws: (RawListing | undefined)[] = parsed.listings;
    const returned = raws.length;
    const cap = source.maxListings ?? DEFAULT_MAX_LISTINGS;
    const capped = Math.max(0, returned - cap);
    const verdict = judgeFetch({
      returned,
      baseline: state?.trustedCount ?? (await carriedCount(deps, source.name)),
      capped: capped > 0,
      suspiciousSince: state?.suspiciousSince ?? null,
      now,
    });
    // A fetch at the very instant of the last attempt (`ingest --now T` twice) cannot tell by time
    // alone what it missed: it keeps the ids it carried. Any other fetch frees them as it goes.
    const seenNow = state?.lastAttemptAt?.getTime() === now.getTime() ? [] : undefined;
    const summary = await storeInBatches(deps, source, raws.slice(0, cap), now, claim, seenNow);
    if (verdict.closes) summary.closed = await countMisses(deps.db, source.name, now, seenNow);
    await saveState({
      lastSuccessAt: now,
      etag: fetched.etag,
      lastModified: fetched.lastModified,
      lastError: null,
      consecutiveFailures: 0,
      trustedCount: verdict.trustedCount,
      suspiciousSince: verdict.suspiciousSince,
    });
    const warnings = [
      ...(verdict.suspicious ? [verdict.suspicious] : []),
      ...(capped ? [`${capped} items past the cap of ${cap} (maxListings) left out; nothing closed`] : []),
    ];
    const errors = [
      ...parsed.problems.map((problem) => `skipped item: ${problem}`),
      ...summary.errors.map((reason) => `rejected item: ${reason}`),
    ];
    return {
      ...summary,
      skipped: parsed.skipped,
      capped,
      errors,
      warnings,
      status: verdict.suspicious ? "suspicious" : "ok",
    };
  } catch (err) {
    // Whatever went wrong with this source (network, parse, a bug in an adapter), the others go on.
    const expected = err instanceof FetchError || err instanceof SourceParseError || err instanceof SourceClaimLost;
    const message = expected ? (err as Error).message : `unexpected error: ${errorReason(err)}`;
    await saveState({
      lastError: message,
      consecutiveFailures: (state?.consecutiveFailures ?? 0) + 1,
      ...(refusedOutright(err) ? { etag: null, lastModified: null } : {}),
    });
    return { ...empty(source.name, "failed"), errors: [message] };
  }
}

/**
 * A 4xx other than 429. Answering a conditional request, it may be refusing the validators
 * themselves (a CDN answering 431 to the 10 KB ETag the board sent): they are forgotten, so the
 * next fetch asks plainly. Kept, they made every later fetch fail the same way, for good.
 */
function refusedOutright(err: unknown): boolean {
  const status = err instanceof FetchError ? err.httpStatus : undefined;
  return status !== undefined && status >= 400 && status < 500 && status !== 429;
}

const MAX_REASONS = 5;

/**
 * Classifies and stores a fetch STORE_BATCH items at a time, renewing the claim after each batch:
 * only one batch of classified listings is alive at a time, and each parsed item is let go once
 * its batch is stored.
 */
async function storeInBatches(
  deps: IngestDeps,
  source: SourceConfig,
  raws: (RawListing | undefined)[],
  now: Date,
  claim: SourceClaim,
  seenNow?: string[],
): Promise<SourceSummary> {
  const summary = { ...empty(source.name, "ok"), ...emptyStoreSummary() };
  const type = source.type as SourceType;
  for (let i = 0; i < raws.length; i += STORE_BATCH) {
    const batch = raws.slice(i, i + STORE_BATCH) as RawListing[];
    raws.fill(undefined, i, i + STORE_BATCH);
    const employerType = source.employerType ?? null;
    const { candidates, rejected, reasons } = toCandidates(batch, { type, employerType, now, requireCompany: true });
    addStoreSummary(summary, await storeBatch(deps.db, { sourceName: source.name, now }, candidates));
    seenNow?.push(...candidates.map((c) => c.sourceId));
    summary.rejected += rejected;
    // The first reasons across batches (ingestSource prefixes them); a count says the rest.
    summary.errors.push(...reasons.slice(0, MAX_REASONS - summary.errors.length));
    await claim.renew();
  }
  return summary;
}

/** Listings this source's last fetch contained: the baseline before a trusted count was recorded. */
async function carriedCount(deps: IngestDeps, source: string): Promise<number> {
  const [row] = await deps.db
    .select({ n: count() })
    .from(listingSources)
    .where(and(eq(listingSources.source, source), eq(listingSources.missedFetches, 0)));
  return row?.n ?? 0;
}

/**
 * How an ingest run is recorded (job_runs, the admin API's last runs): `failed` when every source
 * it fetched failed (what makes `ingest` exit 1), `partial` when some did, else `ok`. Sources left
 * alone (not due, busy) are neither. It used to be `ok` whatever failed.
 */
export function ingestOutcome(summary: IngestSummary): "ok" | "partial" | "failed" {
  const { failed } = summary.totals;
  if (failed === 0) return "ok";
  const fetched = summary.sources.filter((s) => s.status !== "skipped" && s.status !== "busy").length;
  return failed === fetched ? "failed" : "partial";
}
