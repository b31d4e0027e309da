import { deliveries } from "../../db/schema";
import type { Deps } from "../deps";
import type { Candidate } from "./candidate";
import { dueSubscribers, type DueSubscriber, type SubscriberSlice } from "./due";
import { yieldToEventLoop } from "./event-loop";
import { ledgerId } from "./ledger-id";
import { loadMailed, loadPool, loadSuppressed, poolSignature } from "./load";
import type { Match } from "./match";
import type { CandidatePool } from "./pool";
import { FIRST_DIGEST_LOOKBACK_MS, selectForSubscriber } from "./select";

export interface PlanSummary {
  due: number;
  planned: number;
  skippedEmpty: number;
  skippedSuppressed: number;
}

/** One due subscriber's digest for this week: what to send, or why nothing is sent. */
export type PlannedDigest =
  | {
      sub: DueSubscriber;
      picked: Match[];
      /** Every match, ranked (the "see all N matches" page). */
      all: Candidate[];
      /** Of the address: the send re-checks the suppressions with it. */
      emailHash: string;
    }
  | { sub: DueSubscriber; skip: "empty" | "suppressed" };

export const SKIP_REASONS = {
  empty: "no new matching listings",
  suppressed: "address suppressed (bounce or complaint)",
} as const;

/** A page of due subscribers, and how to plan each one's digest against the run's candidate pool. */
export interface DuePage {
  subs: DueSubscriber[];
  /** Selects and ranks on demand, so only the selections of the batch being sent are alive at a time. */
  plan(sub: DueSubscriber): PlannedDigest;
}

/**
 * Every due subscriber, a page at a time (memory stays flat). Before each page the pool is
 * checked against the database: when a listing closed, changed or arrived since it was loaded
 * (an ingest running beside a long, rate-limited run), it is reloaded.
 */
export async function* duePages(
  deps: Pick<Deps, "db" | "config" | "suppressionKeys"> & Partial<Pick<Deps, "log">>,
  now: Date,
  opts: { recordTooLate?: boolean; slice?: SubscriberSlice } = {},
): AsyncGenerator<DuePage> {
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
  if (suppressed.size && hashes.some((h) => suppressed.has(h))) return { sub, skip: "suppressed" };
  const emailHash = hashes[0]!;
  const selection = selectForSubscriber(pool, {
    prefs: sub.prefs,
    now,
    previousComposedAt: sub.previousComposedAt,
    mailedFingerprints: mailed.get(sub.id) ?? new Set(),
    offsetMinutes: sub.offsetMinutes,
  });
  if (selection.picked.length === 0) return { sub, skip: "empty" };
  return { sub, picked: selection.picked, all: selection.all, emailHash };
}

type Row = typeof deliveries.$inferInsert;
/** Every column a plan row may set, so all rows of a multi-row insert have the same keys. */
const EMPTY_ROW = { error: null, composedAt: null, listingIds: null, totalMatches: null } satisfies Partial<Row>;

/** The ledger row of a digest nobody will be sent this week (nothing matched, or the address bounced). */
export function skippedRow(p: Extract<PlannedDigest, { skip: unknown }>, now: Date): Row {
  return {
    ...EMPTY_ROW,
    id: ledgerId(),
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

/** Counts skipped rows written (or, on a dry run, that would be) by reason. */
export function countSkipped(summary: PlanSummary, rows: Pick<Row, "totalMatches">[]) {
  for (const row of rows) {
    if (row.totalMatches === 0) summary.skippedEmpty++;
    else summary.skippedSuppressed++;
  }
}

/** What `digest run --dry-run` reports: who is due and what their digest would be. Writes nothing. */
export async function countDue(
  deps: Pick<Deps, "db" | "log" | "config" | "suppressionKeys">,
  input: { now: Date; slice?: SubscriberSlice; onProgress?: (line: string) => void },
): Promise<PlanSummary> {
  const summary: PlanSummary = { due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 };
  for await (const page of duePages(deps, input.now, { slice: input.slice })) {
    summary.due += page.subs.length;
    for (const sub of page.subs) {
      const p = page.plan(sub);
      if (!("skip" in p)) summary.planned++;
      else if (p.skip === "empty") summary.skippedEmpty++;
      else summary.skippedSuppressed++;
    }
    input.onProgress?.(`planned ${summary.planned}, empty ${summary.skippedEmpty} of ${summary.due} due`);
  }
  return summary;
}
