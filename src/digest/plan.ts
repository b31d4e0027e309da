import type { Deps } from "../deps";
import type { Candidate } from "./candidate";
import type { SkippedDigest } from "./ledger";
import { dueSubscribers, type DueSubscriber, type SubscriberSlice } from "./due";
import { yieldToEventLoop } from "../../db/event-loop";
import { loadMailed, loadPool, loadSuppressed, poolSignature } from "./load";
import type { Match } from "./match";
import { FIRST_DIGEST_LOOKBACK_MS, selectForSubscriber } from "./select";

export const emptyPlanSummary = () => ({ due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 });
export type PlanSummary = ReturnType<typeof emptyPlanSummary>;

/** One due subscriber's digest for this week: what to send (and every match, ranked), or why nothing is sent. */
export type PlannedDigest =
  | { sub: DueSubscriber; picked: Match[]; all: Candidate[]; emailHash: string }
  | { skipped: SkippedDigest };

/** `totalMatches`: 0 when nothing matched (counted as empty), null when the address is suppressed. */
const skip = (sub: DueSubscriber, error: string, totalMatches: 0 | null): PlannedDigest => ({
  skipped: { subscriberId: sub.id, period: sub.period, error, totalMatches },
});

/**
 * Every due subscriber, a page at a time; `plan` selects on demand, so only the batch being sent
 * holds selections. The pool is reloaded before a page when a listing closed, changed or arrived
 * since it was loaded (an ingest beside a long, rate-limited run).
 */
export async function* duePages(
  deps: Pick<Deps, "db" | "config" | "suppressionKeys"> & Partial<Pick<Deps, "log">>,
  now: Date,
  opts: { recordTooLate?: boolean; slice?: SubscriberSlice } = {},
): AsyncGenerator<{ subs: DueSubscriber[]; plan(sub: DueSubscriber): PlannedDigest }> {
  const { db } = deps;
  let [pool, suppressed] = await Promise.all([loadPool(db), loadSuppressed(db)]);
  for await (const subs of dueSubscribers(db, now, { log: deps.log, ...opts })) {
    if ((await poolSignature(db)) !== pool.signature) pool = await loadPool(db);
    // Every subscriber's "since" (see selectForSubscriber) is at or after the page's earliest one.
    const since = Math.min(
      ...subs.map((s) => s.previousComposedAt?.getTime() ?? now.getTime() - FIRST_DIGEST_LOOKBACK_MS),
    );
    const mailed = await loadMailed(db, subs[0]!.id, subs.at(-1)!.id, pool, since);
    const current = pool;
    // One hash per suppression key, current first (Web Crypto is asynchronous: hashed for the page).
    const hashes = new Map(
      await Promise.all(subs.map(async (s) => [s.id, await deps.suppressionKeys.hashes(s.email)] as const)),
    );
    const plan = (sub: DueSubscriber): PlannedDigest => {
      const own = hashes.get(sub.id)!;
      if (own.some((h) => suppressed.has(h))) return skip(sub, "address suppressed (bounce or complaint)", null);
      const mailedFingerprints = mailed.get(sub.id) ?? new Set<string>();
      const { picked, all } = selectForSubscriber(current, { ...sub, now, mailedFingerprints });
      return picked.length ? { sub, picked, all, emailHash: own[0]! } : skip(sub, "no new matching listings", 0);
    };
    yield { subs, plan };
    await yieldToEventLoop(); // frees the page's native statement memory (see db/event-loop.ts)
  }
}

/** Counts skipped digests by reason (an empty one has no matches). */
export function countSkipped(summary: PlanSummary, rows: { totalMatches?: number | null }[]) {
  for (const row of rows) summary[row.totalMatches === 0 ? "skippedEmpty" : "skippedSuppressed"]++;
}

/** What `digest run --dry-run` reports: who is due and what their digest would be. Writes nothing. */
export async function countDue(
  deps: Pick<Deps, "db" | "log" | "config" | "suppressionKeys">,
  input: { now: Date; slice?: SubscriberSlice; onProgress?: (line: string) => void },
): Promise<PlanSummary> {
  const summary = emptyPlanSummary();
  // Without the logger: a dry run writes and logs nothing, so no `digest.late` for digests it only counts.
  const quiet = { db: deps.db, config: deps.config, suppressionKeys: deps.suppressionKeys };
  for await (const page of duePages(quiet, input.now, { slice: input.slice })) {
    summary.due += page.subs.length;
    for (const sub of page.subs) {
      const p = page.plan(sub);
      if ("skipped" in p) countSkipped(summary, [p.skipped]);
      else summary.planned++;
    }
    input.onProgress?.(`planned ${summary.planned}, empty ${summary.skippedEmpty} of ${summary.due} due`);
  }
  return summary;
}
