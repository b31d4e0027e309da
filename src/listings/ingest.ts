import { eq } from "drizzle-orm";
import { sourceStates } from "../../db/schema";
import type { Deps } from "../deps";
import { toCandidates } from "./candidates";
import { FetchError, fetchSource, type FetchPolicy } from "./fetch-source";
import { getSourceAdapter, SourceParseError, type SourceType } from "./sources";
import type { SourceConfig } from "./sources-config";
import { closeStaleListings, storeFetchedListings } from "./store";

export interface SourceSummary {
  name: string;
  status: "ok" | "not_modified" | "skipped" | "failed";
  fetched: number;
  new: number;
  updated: number;
  merged: number;
  closed: number;
  rejected: number;
  /** Items the adapter skipped as malformed (the first reasons are in `errors`); the rest were stored. */
  skipped: number;
  errors: string[];
}

export interface IngestSummary {
  sources: SourceSummary[];
  closedExpired: number;
  closedTooOld: number;
  totals: { fetched: number; new: number; updated: number; closed: number; rejected: number; skipped: number; failed: number };
}

export type IngestDeps = Pick<Deps, "db" | "log" | "config"> & { sources: SourceConfig[]; fetchPolicy: FetchPolicy };

const empty = (name: string, status: SourceSummary["status"]): SourceSummary => ({
  name, status, fetched: 0, new: 0, updated: 0, merged: 0, closed: 0, rejected: 0, skipped: 0, errors: [],
});

/**
 * Fetches every enabled source (or just `only`), stores what came back and closes what went
 * stale. One source's failure never stops the others, and a failed or unparseable fetch stores
 * and closes nothing. A source fetched less than its minimum interval ago is skipped unless
 * `force`. Safe to run concurrently with the digest; runs of ingest itself should not overlap.
 */
export async function runIngest(
  deps: IngestDeps,
  input: { now: Date; only?: string; force?: boolean; onProgress?: (line: string) => void },
): Promise<IngestSummary> {
  const selected = deps.sources.filter((s) => (input.only ? s.name === input.only : s.enabled) && s.type !== "manual");
  const results: SourceSummary[] = [];
  for (const [i, source] of selected.entries()) {
    input.onProgress?.(`[${i + 1}/${selected.length}] ${source.name}…`);
    const result = await ingestSource(deps, source, input.now, input.force ?? Boolean(input.only));
    deps.log.info("ingest.source", { ...result, errors: result.errors.length ? result.errors : undefined });
    results.push(result);
  }
  const stale = await closeStaleListings(deps.db, input.now, deps.config.listingMaxAgeDays);
  const sum = (k: "fetched" | "new" | "updated" | "closed" | "rejected" | "skipped") => results.reduce((n, r) => n + r[k], 0);
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
      failed: results.filter((r) => r.status === "failed").length,
    },
  };
}

async function ingestSource(deps: IngestDeps, source: SourceConfig, now: Date, force: boolean): Promise<SourceSummary> {
  const [state] = await deps.db.select().from(sourceStates).where(eq(sourceStates.name, source.name));
  if (!force && state?.lastAttemptAt && now.getTime() - state.lastAttemptAt.getTime() < source.minIntervalMinutes * 60_000) {
    return empty(source.name, "skipped");
  }
  const adapter = getSourceAdapter(source.type);
  const url = source.url ?? adapter.fetchUrl({ ...source.options, board: source.board ?? "" });
  const saveState = (values: Partial<typeof sourceStates.$inferInsert>) =>
    deps.db
      .insert(sourceStates)
      .values({ name: source.name, lastAttemptAt: now, ...values })
      .onConflictDoUpdate({ target: sourceStates.name, set: { lastAttemptAt: now, ...values } });
  try {
    if (!url) throw new FetchError(`no URL: set "board" or "url" for source ${source.name}`);
    const fetched = await fetchSource(url, { etag: state?.etag ?? null, lastModified: state?.lastModified ?? null }, deps.fetchPolicy);
    if (fetched.status === "not_modified") {
      await saveState({ lastSuccessAt: now, lastError: null, consecutiveFailures: 0 });
      return empty(source.name, "not_modified");
    }
    const parsed = adapter.parsePayload(fetched.body, { sourceName: source.name, ...(source.company ? { company: source.company } : {}) });
    const { candidates, rejected } = toCandidates(parsed.listings, { type: source.type as SourceType, employerType: source.employerType ?? null, now });
    const stored = await storeFetchedListings(deps.db, { sourceName: source.name, candidates, now, complete: true });
    await saveState({ lastSuccessAt: now, etag: fetched.etag, lastModified: fetched.lastModified, lastError: null, consecutiveFailures: 0 });
    const errors = parsed.problems.map((problem) => `skipped item: ${problem}`);
    return { ...empty(source.name, "ok"), ...stored, rejected, skipped: parsed.skipped, errors };
  } catch (err) {
    // Whatever went wrong with this source (network, parse, a bug in an adapter), the others go on.
    const expected = err instanceof FetchError || err instanceof SourceParseError;
    const message = expected ? (err as Error).message : `unexpected error: ${(err as Error).message}`;
    await saveState({ lastError: message, consecutiveFailures: (state?.consecutiveFailures ?? 0) + 1 });
    return { ...empty(source.name, "failed"), errors: [message] };
  }
}
