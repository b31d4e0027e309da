import { and, eq, inArray, isNull, lt, or } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { listings, listingSources, sourceStates } from "../../db/schema";
import type { Deps } from "../deps";
import type { SourceConfig } from "./sources-config";
import { mailable } from "../digest/load";
import { recheckListing, recheckPolicy, recheckUrl } from "./recheck-listing";

/** A listing is known to be open for this long after its source's last successful fetch (DESIGN.md §4). */
export const STALE_AFTER_MS = 24 * 3_600_000;

export interface RecheckLimits {
  /** At most this many listings of one source are re-checked in one run (newest first). */
  perSource: number;
  /** Sources re-checked side by side; one source's listings are asked one after another. */
  concurrency: number;
  /** A source that gave this many inconclusive answers in a row is left alone for the rest of the run. */
  giveUpAfter: number;
  /**
   * No listing is asked after this many milliseconds of re-checking: a board whose listings answer
   * slowly and quickly in turn (never three failures in a row) would otherwise hold the weekly run
   * for its per-source limit times the timeout, half an hour at the defaults.
   */
  budgetMs: number;
}

export const DEFAULT_RECHECK_LIMITS: RecheckLimits = {
  perSource: 100,
  concurrency: 4,
  giveUpAfter: 3,
  budgetMs: 5 * 60_000,
};

/** What the run's re-check did; every listing not found gone stays in the digest. */
export interface RecheckSummary {
  /** Mailable listings from configured sources not fetched in the last 24 hours. */
  stale: number;
  /** Asked at their source. */
  rechecked: number;
  /** Gone at the source (404, 410, marked closed): closed, so no digest carries them. */
  dropped: number;
  /** The check failed or proved nothing (network error, timeout, 5xx): kept. */
  inconclusive: number;
  /** Past the per-source limit or the run's time budget, or their source stopped answering: kept unchecked. */
  unchecked: number;
}

export type RecheckDeps = Pick<Deps, "db" | "log" | "fetchPolicy" | "sources">;

interface ToCheck {
  listingId: string;
  url: string;
  firstSeenMs: number;
  source: SourceConfig;
}

/**
 * Before a weekly run composes anything: every mailable listing from a configured source whose
 * last successful fetch (of a source that still carried it) is more than 24 hours old, and that
 * no earlier run verified in that time, is asked at its source once. Gone listings are closed;
 * every other answer keeps the listing, so a machine without network never empties a digest.
 * Listings added by hand or imported from a file have no configured source and are not asked.
 * Safe to run concurrently (closing twice changes nothing); writes only after all answers.
 */
export async function recheckStaleListings(
  deps: RecheckDeps,
  input: { now: Date; limits?: Partial<RecheckLimits> },
): Promise<RecheckSummary> {
  const limits = { ...DEFAULT_RECHECK_LIMITS, ...input.limits };
  const summary: RecheckSummary = { stale: 0, rechecked: 0, dropped: 0, inconclusive: 0, unchecked: 0 };
  const configured = new Map((await deps.sources()).filter((s) => s.type !== "manual").map((s) => [s.name, s]));
  if (configured.size === 0) return summary;
  const bySource = await staleListings(deps, configured, input.now);
  const gone: string[] = [];
  const verified: string[] = [];
  const queue = [...bySource.entries()];
  const deadline = performance.now() + limits.budgetMs;
  const worker = async () => {
    for (let next = queue.shift(); next; next = queue.shift()) {
      const [name, list] = next;
      summary.stale += list.length;
      list.sort((a, b) => b.firstSeenMs - a.firstSeenMs);
      let failedInARow = 0;
      for (const [i, item] of list.entries()) {
        if (i >= limits.perSource || failedInARow >= limits.giveUpAfter || performance.now() >= deadline) {
          summary.unchecked += list.length - i;
          break;
        }
        const verdict = await recheckListing(
          item.url,
          recheckPolicy(item.source, item.url, deps.fetchPolicy),
          input.now,
        );
        summary.rechecked++;
        failedInARow = verdict === "inconclusive" ? failedInARow + 1 : 0;
        if (verdict === "gone") gone.push(item.listingId);
        else if (verdict === "open") verified.push(item.listingId);
        else summary.inconclusive++;
      }
      if (failedInARow >= limits.giveUpAfter) deps.log.warn("digest.recheck_source_unreachable", { source: name });
    }
  };
  await Promise.all(Array.from({ length: Math.min(limits.concurrency, queue.length) }, worker));
  if (performance.now() >= deadline && summary.unchecked > 0)
    deps.log.warn("digest.recheck_out_of_time", { budgetMs: limits.budgetMs, unchecked: summary.unchecked });
  summary.dropped = await record(deps, gone, verified, input.now);
  if (summary.stale) deps.log.info("digest.recheck", { ...summary });
  return summary;
}

/**
 * The listings to ask, per configured source: mailable, not added by hand, not verified in the
 * last 24 hours, carried by a configured source, and carried by none fetched successfully in the
 * last 24 hours with the listing in it (a source that answered 304 still counts: missedFetches 0).
 */
async function staleListings(
  deps: RecheckDeps,
  configured: Map<string, SourceConfig>,
  now: Date,
): Promise<Map<string, ToCheck[]>> {
  const cutoff = new Date(now.getTime() - STALE_AFTER_MS);
  const states = await deps.db.select({ name: sourceStates.name, at: sourceStates.lastSuccessAt }).from(sourceStates);
  const fresh = new Set(
    states.filter((s) => s.at !== null && s.at >= cutoff && configured.has(s.name)).map((s) => s.name),
  );
  const carriers = await deps.db
    .select({
      listingId: listings.id,
      source: listingSources.source,
      sourceId: listingSources.sourceId,
      url: listingSources.url,
      missed: listingSources.missedFetches,
      firstSeenAt: listings.firstSeenAt,
    })
    .from(listingSources)
    .innerJoin(listings, eq(listings.id, listingSources.listingId))
    .where(
      and(mailable(), eq(listings.manual, false), or(isNull(listings.verifiedAt), lt(listings.verifiedAt, cutoff))),
    );
  const known = new Set<string>();
  const pick = new Map<string, { source: SourceConfig; row: (typeof carriers)[number] }>();
  for (const row of carriers) {
    const source = configured.get(row.source);
    if (!source) continue; // an import file, a removed source: nobody to ask
    if (fresh.has(row.source) && row.missed === 0) known.add(row.listingId);
    else if (!pick.has(row.listingId)) pick.set(row.listingId, { source, row });
  }
  const bySource = new Map<string, ToCheck[]>();
  for (const [listingId, { source, row }] of pick) {
    if (known.has(listingId)) continue;
    const list = bySource.get(source.name) ?? bySource.set(source.name, []).get(source.name)!;
    const url = recheckUrl(source, row.sourceId, row.url);
    list.push({ listingId, url, firstSeenMs: row.firstSeenAt.getTime(), source });
  }
  return bySource;
}

/** Closes the gone listings and stamps the verified ones, a few ids per statement (D1's 100-parameter limit). */
async function record(deps: RecheckDeps, gone: string[], verified: string[], now: Date): Promise<number> {
  const writes: BatchItem<"sqlite">[] = [];
  for (let i = 0; i < gone.length; i += 90) {
    const ids = gone.slice(i, i + 90);
    writes.push(
      deps.db
        .update(listings)
        .set({ status: "closed", closedAt: now, closedReason: "gone_at_source" })
        .where(and(inArray(listings.id, ids), eq(listings.status, "open")))
        .returning({ id: listings.id }),
    );
  }
  for (let i = 0; i < verified.length; i += 90) {
    writes.push(
      deps.db
        .update(listings)
        .set({ verifiedAt: now })
        .where(inArray(listings.id, verified.slice(i, i + 90))),
    );
  }
  if (writes.length === 0) return 0;
  const results = await deps.db.batch(writes as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return results.slice(0, Math.ceil(gone.length / 90)).reduce((n, r) => n + (r as unknown[]).length, 0);
}
