import type { deliveries } from "../../db/schema";
import type { Deps } from "../deps";
import type { Candidate } from "./candidate";
import { dueSubscribers, type DueSubscriber, type SubscriberSlice } from "./due";
import { yieldToEventLoop } from "./event-loop";
import { loadMailed, loadPool, loadSuppressed, poolSignature } from "./load";
import type { Match } from "./match";
import type { CandidatePool } from "./pool";
import { FIRST_DIGEST_LOOKBACK_MS, selectForSubscriber } from "./select";

export const emptyPlanSummary = () => ({ due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 });
export type PlanSummary = ReturnType<typeof emptyPlanSummary>;

/** One due subscriber's digest for this week: what to send (and every match, ranked), or why nothing is sent. */
export type PlannedDigest =
  | { sub: DueSubscriber; picked: Match[]; all: Candidate[]; emailHash: string }
  | { sub: DueSubscriber; skip: "empty" | "suppressed" };

const SKIP_REASONS = {
  empty: "no new matching listings",
  suppressed: "address suppressed (bounce or complaint)",
} as const;

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
  for await (const subs of dueSubscribers(db, now, undefined, { log: deps.log, ...opts })) {
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
    yield { subs, plan: (sub) => planOne(current, suppressed, hashes.get(sub.id)!, mailed, sub, now) };
    await yieldToEventLoop(); // frees the page's native statement memory (see event-loop.ts)
  }
}

function planOne(
  pool: CandidatePool,
  suppressed: ReadonlySet<string>,
  hashes: readonly string[],
  mailed: Map<string, Set<string>>,
  sub: DueSubscriber,
  now: Date,
): PlannedDigest {
  if (hashes.some((h) => suppressed.has(h))) return { sub, skip: "suppressed" };
  const { picked, all } = selectForSubscriber(pool, {
    prefs: sub.prefs,
    now,
    previousComposedAt: sub.previousComposedAt,
    mailedFingerprints: mailed.get(sub.id) ?? new Set(),
    offsetMinutes: sub.offsetMinutes,
  });
  return picked.length ? { sub, picked, all, emailHash: hashes[0]! } : { sub, skip: "empty" };
}

/** The ledger row of a digest nobody will be sent this week (nothing matched, or the address bounced). */
export function skippedRow(p: Extract<PlannedDigest, { skip: unknown }>, now: Date): typeof deliveries.$inferInsert {
  return {
    id: crypto.randomUUID(),
    subscriberId: p.sub.id,
    kind: "digest",
    period: p.sub.period,
    status: "skipped",
    error: SKIP_REASONS[p.skip],
    totalMatches: p.skip === "empty" ? 0 : null,
    createdAt: now,
    updatedAt: now,
  };
}

/** Counts skipped digests by reason (an empty one has no matches). */
export function countSkipped(summary: PlanSummary, rows: { totalMatches: number | null }[]) {
  for (const row of rows) summary[row.totalMatches === 0 ? "skippedEmpty" : "skippedSuppressed"]++;
}

/** What `digest run --dry-run` reports: who is due and what their digest would be. Writes nothing. */
export async function countDue(
  deps: Pick<Deps, "db" | "log" | "config" | "suppressionKeys">,
  input: { now: Date; slice?: SubscriberSlice; onProgress?: (line: string) => void },
): Promise<PlanSummary> {
  const summary = emptyPlanSummary();
  for await (const page of duePages(deps, input.now, { slice: input.slice })) {
    summary.due += page.subs.length;
    for (const sub of page.subs) {
      const p = page.plan(sub);
      if ("skip" in p) countSkipped(summary, [{ totalMatches: p.skip === "empty" ? 0 : null }]);
      else summary.planned++;
    }
    input.onProgress?.(`planned ${summary.planned}, empty ${summary.skippedEmpty} of ${summary.due} due`);
  }
  return summary;
}
