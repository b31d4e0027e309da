import { multiRowInsert } from "../../db/bulk";
import { deliveries, deliveryContents } from "../../db/schema";
import type { Deps } from "../deps";
import { dueSubscribers, type DueSubscriber } from "./due";
import { yieldToEventLoop } from "./event-loop";
import { listingCard } from "./compose";
import { ledgerId } from "./ledger-id";
import { ListingSnapshot } from "./listing-snapshot";
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
      /** Pool positions (see ListingSnapshot): of `picked`, and of every match, ranked. */
      positions: { picked: number[]; all: Int32Array };
      /** Of the address: the send re-checks the suppressions with it. */
      emailHash: string;
    }
  | { sub: DueSubscriber; skip: "empty" | "suppressed" };

export const SKIP_REASONS = { empty: "no new matching listings", suppressed: "address suppressed (bounce or complaint)" } as const;

/** A page of due subscribers, and how to plan each one's digest against the run's candidate pool. */
export interface DuePage {
  subs: DueSubscriber[];
  /** The listings of the pool the page is planned against, as the ledger refers to them. */
  snapshot: ListingSnapshot;
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
  opts: { recordTooLate?: boolean } = {},
): AsyncGenerator<DuePage> {
  const { db } = deps;
  let [pool, suppressed] = await Promise.all([loadPool(db), loadSuppressed(db)]);
  let snapshot = snapshotOf(pool);
  for await (const subs of dueSubscribers(db, now, undefined, { log: deps.log, recordTooLate: opts.recordTooLate })) {
    if ((await poolSignature(db)) !== pool.signature) snapshot = snapshotOf((pool = await loadPool(db)));
    // Every subscriber's "since" (see selectForSubscriber) is at or after the page's earliest one.
    const since = Math.min(...subs.map((s) => s.previousComposedAt?.getTime() ?? now.getTime() - FIRST_DIGEST_LOOKBACK_MS));
    const mailed = await loadMailed(db, subs[0]!.id, subs.at(-1)!.id, pool, since);
    const current = pool;
    // One hash per suppression key, current first (Web Crypto is asynchronous: hashed for the page).
    const hashes = new Map(await Promise.all(subs.map(async (s) => [s.id, await deps.suppressionKeys.hashes(s.email)] as const)));
    yield { subs, snapshot, plan: (sub) => planOne(current, suppressed, hashes.get(sub.id)!, mailed, sub, now) };
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
    mailedFingerprints: mailed.get(sub.id) ?? EMPTY,
    offsetMinutes: sub.offsetMinutes,
  });
  if (selection.picked.length === 0) return { sub, skip: "empty" };
  return { sub, picked: selection.picked, positions: selection.positions, emailHash };
}

function snapshotOf(pool: CandidatePool): ListingSnapshot {
  return new ListingSnapshot(
    pool.size,
    (position) => pool.at(position).row.id,
    (position) => listingCard(pool.at(position).row),
  );
}

const EMPTY: ReadonlySet<string> = new Set();

type Row = typeof deliveries.$inferInsert;
/** Every column a plan row may set, so all rows of a multi-row insert have the same keys. */
const EMPTY_ROW = { error: null, composedAt: null, listingIds: null, totalMatches: null } satisfies Partial<Row>;
const INSERT_CHUNK = 200;

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

export function countPlanned(summary: PlanSummary, rows: Pick<Row, "status" | "totalMatches">[]) {
  for (const row of rows) {
    if (row.status === "skipped") {
      if (row.totalMatches === 0) summary.skippedEmpty++;
      else summary.skippedSuppressed++;
    } else summary.planned++;
  }
}

/**
 * Plans without sending. With `dryRun` (what `digest run --dry-run` does) it only counts. Without,
 * it writes this week's ledger row for every due subscriber, `planned` with the chosen listing
 * ids or `skipped`: the two-phase form earlier versions wrote, which the weekly run still finishes
 * (sendLeftovers in send.ts re-checks each against the state at sending time) and tests use to
 * put `planned` rows in a ledger. The weekly run itself composes and sends each page as it plans
 * it (see send-due.ts). The (subscriber, kind, period) unique key means a concurrent run planning
 * the same subscriber loses quietly.
 */
export async function planDigests(
  deps: Pick<Deps, "db" | "log" | "config" | "suppressionKeys">,
  input: { now: Date; dryRun?: boolean; onProgress?: (line: string) => void },
): Promise<PlanSummary> {
  const { db } = deps;
  const { now } = input;
  const summary: PlanSummary = { due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 };
  for await (const page of duePages(deps, now)) {
    summary.due += page.subs.length;
    const matchedById = new Map<string, string[]>();
    const rows = page.subs.map((sub): Row => {
      const p = page.plan(sub);
      if ("skip" in p) return skippedRow(p, now);
      const id = ledgerId();
      matchedById.set(id, Array.from(p.positions.all, (position) => page.snapshot.id(position)));
      return {
        ...EMPTY_ROW,
        id,
        subscriberId: sub.id,
        kind: "digest",
        period: sub.period,
        status: "planned",
        composedAt: now,
        listingIds: p.picked.map((m) => m.candidate.row.id),
        totalMatches: p.positions.all.length,
        createdAt: now,
        updatedAt: now,
      };
    });
    if (input.dryRun) {
      countPlanned(summary, rows);
    } else {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        // One hand-built multi-row statement: Drizzle's builder costs more than SQLite's insert here.
        const insert = multiRowInsert(deliveries, chunk);
        const result = await db.$client.execute({ sql: `${insert.sql} ON CONFLICT DO NOTHING RETURNING id`, args: insert.args });
        // Count only what this run wrote: a concurrent run may have planned some of these already.
        const inserted = new Set(result.rows.map((r) => r.id as string));
        const contents = chunk.filter((r) => inserted.has(r.id!) && matchedById.has(r.id!)).map((r) => ({ deliveryId: r.id!, matchedListingIds: matchedById.get(r.id!)! }));
        if (contents.length) await db.$client.execute(multiRowInsert(deliveryContents, contents));
        countPlanned(summary, chunk.filter((r) => inserted.has(r.id!)));
      }
    }
    input.onProgress?.(`planned ${summary.planned}, empty ${summary.skippedEmpty} of ${summary.due} due`);
  }
  return summary;
}
