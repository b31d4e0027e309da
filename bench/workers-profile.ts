/**
 * Bench-only Worker entry (`bench/workers-scale.ts --profile`): the real Worker, with its D1
 * binding wrapped so that each queue message logs where its database time went, per statement
 * shape: calls, wall time around the call (the binding's round trip) and D1's own `meta.duration`
 * (SQLite's time). One `profile.slice` JSON line per message on wrangler's stdout. Nothing in
 * src/ knows about it.
 */
import worker from "../src/worker";
import type { ExecutionContext, MessageBatch, QueueMessageBody, WorkerEnv } from "../src/workers/env";

interface Tally {
  calls: number;
  wallMs: number;
  sqlMs: number;
}
type Tallies = Map<string, Tally>;
type Statement = Record<string, (...args: unknown[]) => unknown>;

/** The statement's shape: whitespace folded, quotes dropped, cut to a readable length. */
const shapeOf = (sql: string) => sql.replace(/\s+/g, " ").replace(/"/g, "").trim().slice(0, 90);

function add(tallies: Tallies, shape: string, wallMs: number, sqlMs: number) {
  const t = tallies.get(shape) ?? { calls: 0, wallMs: 0, sqlMs: 0 };
  t.calls++;
  t.wallMs += wallMs;
  t.sqlMs += sqlMs;
  tallies.set(shape, t);
}

const durationOf = (result: unknown) => Number((result as { meta?: { duration?: number } })?.meta?.duration ?? 0);

function timedD1(db: Record<string, (...args: unknown[]) => unknown>, tallies: Tallies) {
  const unwrapped = new WeakMap<object, unknown>();
  const sqlOf = new WeakMap<object, string>();
  const wrap = (stmt: Statement, sql: string): Statement => {
    const timed: Statement = {
      bind: (...args) => wrap(stmt.bind!(...args) as Statement, sql),
    };
    for (const method of ["all", "run", "raw", "first"])
      timed[method] = async (...args) => {
        const t0 = performance.now();
        const result = await stmt[method]!(...args);
        add(tallies, shapeOf(sql), performance.now() - t0, durationOf(result));
        return result;
      };
    unwrapped.set(timed, stmt);
    sqlOf.set(timed, sql);
    return timed;
  };
  return {
    ...db,
    prepare: (sql: unknown) => wrap(db.prepare!(sql) as Statement, String(sql)),
    batch: async (statements: object[]) => {
      const t0 = performance.now();
      const results = (await db.batch!(statements.map((s) => unwrapped.get(s) ?? s))) as unknown[];
      const shape = `batch of ${statements.length}: ${shapeOf(sqlOf.get(statements[0]!) ?? "?")}`;
      add(
        tallies,
        shape,
        performance.now() - t0,
        results.map(durationOf).reduce((a, b) => a + b, 0),
      );
      return results;
    },
    exec: db.exec?.bind(db),
    dump: db.dump?.bind(db),
  };
}

export default {
  fetch: worker.fetch,
  scheduled: worker.scheduled,
  async queue(batch: MessageBatch<QueueMessageBody>, env: WorkerEnv, ctx: ExecutionContext) {
    const tallies: Tallies = new Map();
    const DB = timedD1(env.DB as Record<string, (...args: unknown[]) => unknown>, tallies);
    const t0 = performance.now();
    await worker.queue(batch, { ...env, DB }, ctx);
    const statements = [...tallies]
      .map(([shape, t]) => ({ shape, calls: t.calls, wallMs: Math.round(t.wallMs), sqlMs: Math.round(t.sqlMs) }))
      .sort((a, b) => b.wallMs - a.wallMs);
    const body = batch.messages[0]?.body;
    console.log(
      `profile.slice ${JSON.stringify({ from: body && "fromId" in body ? body.fromId : null, wallMs: Math.round(performance.now() - t0), statements })}`,
    );
  },
};
