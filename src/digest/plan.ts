import { multiRowInsert } from "../../db/bulk";
import { deliveries, deliveryContents } from "../../db/schema";
import type { Deps } from "../deps";
import { emailHashSync } from "../subscribers/suppression";
import { dueSubscribers } from "./due";
import { yieldToEventLoop } from "./event-loop";
import { loadHistory, loadPool, loadSuppressed } from "./load";
import { selectForSubscriber } from "./select";

export interface PlanSummary {
  due: number;
  planned: number;
  skippedEmpty: number;
  skippedSuppressed: number;
}

type Row = typeof deliveries.$inferInsert;
/** Every column a plan row may set, so all rows of a multi-row insert have the same keys. */
const EMPTY_ROW = { error: null, composedAt: null, listingIds: null, totalMatches: null } satisfies Partial<Row>;
const INSERT_CHUNK = 200;

/**
 * Phase one of the weekly run: for every due subscriber, select and rank their listings now and
 * write the ledger row for this week: `planned` with the chosen listing ids, or `skipped` when
 * nothing matched (empty weeks send nothing). The (subscriber, kind, period) unique key means a
 * concurrent run planning the same subscriber loses quietly. With `dryRun` nothing is written.
 */
export async function planDigests(
  deps: Pick<Deps, "db" | "log">,
  input: { now: Date; dryRun?: boolean; onProgress?: (line: string) => void },
): Promise<PlanSummary> {
  const { db } = deps;
  const { now } = input;
  const summary: PlanSummary = { due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 };
  const [pool, suppressed] = await Promise.all([loadPool(db), loadSuppressed(db)]);
  for await (const page of dueSubscribers(db, now)) {
    const { previous, mailed } = await loadHistory(db, page.map((s) => s.id));
    const rows: Row[] = [];
    const matchedById = new Map<string, string[]>();
    for (const sub of page) {
      summary.due++;
      const base = { id: crypto.randomUUID(), subscriberId: sub.id, kind: "digest", period: sub.period, createdAt: now, updatedAt: now };
      if (suppressed.size && suppressed.has(emailHashSync(sub.email))) {
        rows.push({ ...base, status: "skipped", error: "address suppressed (bounce or complaint)" });
        continue;
      }
      const selection = selectForSubscriber(pool, {
        prefs: sub.prefs,
        now,
        previousComposedAt: previous.get(sub.id) ?? null,
        mailedFingerprints: mailed.get(sub.id) ?? new Set(),
      });
      const matched = selection.all.map((m) => m.candidate.row.id);
      if (selection.picked.length === 0) {
        rows.push({ ...base, status: "skipped", error: "no new matching listings", totalMatches: 0 });
      } else {
        rows.push({
          ...base,
          status: "planned",
          composedAt: now,
          listingIds: selection.picked.map((m) => m.candidate.row.id),
          totalMatches: matched.length,
        });
        matchedById.set(base.id, matched);
      }
    }
    // Count only what this run wrote: a concurrent run may have planned some of these already.
    const written = input.dryRun ? rows : [];
    if (!input.dryRun) {
      for (let i = 0; i < rows.length; i += INSERT_CHUNK) {
        const chunk = rows.slice(i, i + INSERT_CHUNK);
        // One hand-built multi-row statement: Drizzle's builder costs more than SQLite's insert here.
        const insert = multiRowInsert(deliveries, chunk.map((r) => ({ ...EMPTY_ROW, ...r })));
        const result = await db.$client.execute({ sql: `${insert.sql} ON CONFLICT DO NOTHING RETURNING id`, args: insert.args });
        const inserted = new Set(result.rows.map((r) => r.id as string));
        const contents = chunk.filter((r) => inserted.has(r.id!) && matchedById.has(r.id!)).map((r) => ({ deliveryId: r.id!, matchedListingIds: matchedById.get(r.id!)! }));
        if (contents.length) await db.$client.execute(multiRowInsert(deliveryContents, contents));
        written.push(...chunk.filter((r) => inserted.has(r.id!)));
      }
    }
    for (const row of written) {
      if (row.status === "planned") summary.planned++;
      else if (row.totalMatches === 0) summary.skippedEmpty++;
      else summary.skippedSuppressed++;
    }
    input.onProgress?.(`planned ${summary.planned}, empty ${summary.skippedEmpty} of ${summary.due} due`);
    await yieldToEventLoop(); // frees the page's native statement memory (see event-loop.ts)
  }
  return summary;
}
