import { inArray } from "drizzle-orm";
import { multiRowInsert } from "../../db/bulk";
import { deliveries, deliveryContents, listings } from "../../db/schema";
import type { Deps } from "../deps";
import { emailHashSync } from "../subscribers/suppression";
import { dueSubscribers, type DueSubscriber } from "./due";
import { yieldToEventLoop } from "./event-loop";
import { loadMailed, loadPool, loadSuppressed } from "./load";
import type { CandidatePool } from "./pool";
import { selectForSubscriber, type Selection } from "./select";

export interface PlanSummary {
  due: number;
  planned: number;
  skippedEmpty: number;
  skippedSuppressed: number;
}

/** One due subscriber's digest for this week: what to send, or why nothing is sent. */
export type PlannedDigest = { sub: DueSubscriber; selection: Selection } | { sub: DueSubscriber; skip: "empty" | "suppressed" };

export const SKIP_REASONS = { empty: "no new matching listings", suppressed: "address suppressed (bounce or complaint)" } as const;

/**
 * Every due subscriber's digest, a page at a time (memory stays flat): selected and ranked
 * against the run's candidate pool. Before a page is handed out, the listings it picked are
 * checked against the database: when one closed or changed since the pool was loaded (an ingest
 * running beside a long, rate-limited run), the pool is reloaded and the page selected again.
 */
export async function* plannedPages(deps: Pick<Deps, "db">, now: Date): AsyncGenerator<PlannedDigest[]> {
  const { db } = deps;
  let [pool, suppressed] = await Promise.all([loadPool(db), loadSuppressed(db)]);
  for await (const page of dueSubscribers(db, now)) {
    const mailed = await loadMailed(db, page[0]!.id, page.at(-1)!.id, now);
    let planned = planPage(pool, suppressed, page, mailed, now);
    if (await pickedChanged(deps, planned)) {
      pool = await loadPool(db);
      planned = planPage(pool, suppressed, page, mailed, now);
    }
    yield planned;
    await yieldToEventLoop(); // frees the page's native statement memory (see event-loop.ts)
  }
}

function planPage(pool: CandidatePool, suppressed: ReadonlySet<string>, page: DueSubscriber[], mailed: Map<string, Set<string>>, now: Date): PlannedDigest[] {
  return page.map((sub): PlannedDigest => {
    if (suppressed.size && suppressed.has(emailHashSync(sub.email))) return { sub, skip: "suppressed" };
    const selection = selectForSubscriber(pool, {
      prefs: sub.prefs,
      now,
      previousComposedAt: sub.previousComposedAt,
      mailedFingerprints: mailed.get(sub.id) ?? EMPTY,
    });
    return selection.picked.length ? { sub, selection } : { sub, skip: "empty" };
  });
}

/** Whether any listing picked on this page closed or changed since the pool was loaded. */
async function pickedChanged(deps: Pick<Deps, "db">, planned: PlannedDigest[]): Promise<boolean> {
  const picked = new Map<string, { status: string; lastSeenMs: number }>();
  for (const p of planned) if ("selection" in p) for (const m of p.selection.picked) picked.set(m.candidate.row.id, { status: m.candidate.row.status, lastSeenMs: m.candidate.row.lastSeenAt.getTime() });
  const ids = [...picked.keys()];
  for (let i = 0; i < ids.length; i += 500) {
    const chunk = ids.slice(i, i + 500);
    const rows = await deps.db.select({ id: listings.id, status: listings.status, lastSeenAt: listings.lastSeenAt }).from(listings).where(inArray(listings.id, chunk));
    if (rows.length < chunk.length) return true; // deleted by an operator
    for (const r of rows) {
      const was = picked.get(r.id)!;
      if (r.status !== was.status || r.lastSeenAt.getTime() !== was.lastSeenMs) return true;
    }
  }
  return false;
}

const EMPTY: ReadonlySet<string> = new Set();

type Row = typeof deliveries.$inferInsert;
/** Every column a plan row may set, so all rows of a multi-row insert have the same keys. */
const EMPTY_ROW = { error: null, composedAt: null, listingIds: null, totalMatches: null } satisfies Partial<Row>;
const INSERT_CHUNK = 200;

/** The ledger row of a digest nobody will be sent this week (nothing matched, or the address bounced). */
export function skippedRow(p: PlannedDigest & { skip: string }, now: Date): Row {
  return {
    ...EMPTY_ROW,
    id: crypto.randomUUID(),
    subscriberId: p.sub.id,
    kind: "digest",
    period: p.sub.period,
    status: "skipped",
    error: SKIP_REASONS[p.skip as keyof typeof SKIP_REASONS],
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
 * Plans without sending: writes this week's ledger row for every due subscriber, `planned` with
 * the chosen listing ids (sent later by sendPlanned, which re-checks them against the state at
 * that time) or `skipped`. The (subscriber, kind, period) unique key means a concurrent run
 * planning the same subscriber loses quietly. With `dryRun` nothing is written. The weekly run
 * itself composes and sends each page as it plans it (see send-due.ts).
 */
export async function planDigests(
  deps: Pick<Deps, "db" | "log">,
  input: { now: Date; dryRun?: boolean; onProgress?: (line: string) => void },
): Promise<PlanSummary> {
  const { db } = deps;
  const { now } = input;
  const summary: PlanSummary = { due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 };
  for await (const page of plannedPages(deps, now)) {
    summary.due += page.length;
    const matchedById = new Map<string, string[]>();
    const rows = page.map((p): Row => {
      if ("skip" in p) return skippedRow(p, now);
      const id = crypto.randomUUID();
      matchedById.set(id, p.selection.all.map((m) => m.candidate.row.id));
      return {
        ...EMPTY_ROW,
        id,
        subscriberId: p.sub.id,
        kind: "digest",
        period: p.sub.period,
        status: "planned",
        composedAt: now,
        listingIds: p.selection.picked.map((m) => m.candidate.row.id),
        totalMatches: p.selection.all.length,
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
