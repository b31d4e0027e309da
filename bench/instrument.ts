/** Bench-only timing: every database call by kind, and every mailer call, without touching src/. */
import type { Client, InStatement } from "@libsql/client";
import type { Mailer } from "../src/mail/mailer";

export interface Tally {
  ms: number;
  calls: number;
}
export type Tallies = Record<string, Tally>;

/**
 * A stage name for a SQL statement: what the weekly run is doing when it issues it. Quotes are
 * dropped first: Drizzle quotes names, the ledger's hand-written statements do not.
 */
function stageOf(sql: string): string {
  const s = sql.replace(/\s+/g, " ").replace(/"/g, "").toLowerCase().trim();
  if (s.startsWith("insert into deliveries ") && s.includes("idempotency_key"))
    return "db: write batch (ledger rows + content)";
  if (s.startsWith("insert into deliveries ")) return "db: write planned/skipped rows";
  if (s.startsWith("update deliveries set status = 'sent'")) return "db: mark sent";
  if (s.startsWith("update deliveries set status = 'sending'")) return "db: mark sending (planned rows)";
  if (
    (s.startsWith("update deliveries ") && s.includes("claimed_by = ?")) ||
    s.startsWith("select id from deliveries where status = 'planned'")
  )
    return "db: claim batches";
  if (s.startsWith("update deliveries ")) return "db: other ledger updates";
  if (s.startsWith("delete from ")) return "db: release refused batches";
  if (s.includes("from listings") || s.includes("from listing_changes"))
    return "db: read listings (pool and its checks)";
  if (s.includes("from deliveries") && s.includes("fingerprints")) return "db: read history (mailed)";
  if (s.includes("from subscribers") || s.includes("from preferences")) return "db: read subscribers";
  if (s.includes("from suppressions")) return "db: read suppressions";
  return `db: other (${s.slice(0, 40)})`;
}

const sqlOf = (stmt: InStatement) => (typeof stmt === "string" ? stmt : stmt.sql);

/** Wraps a libSQL client in place (Drizzle calls its methods through the same object). */
export function timeDatabase(client: Client, tallies: Tallies): void {
  const add = (stage: string, ms: number) => {
    const t = (tallies[stage] ??= { ms: 0, calls: 0 });
    t.ms += ms;
    t.calls++;
  };
  const execute = client.execute.bind(client) as (...args: unknown[]) => Promise<unknown>;
  const batch = client.batch.bind(client) as (...args: unknown[]) => Promise<unknown>;
  (client as unknown as Record<string, unknown>).execute = async (...args: unknown[]) => {
    const first = args[0] as InStatement;
    const t0 = performance.now();
    try {
      return await execute(...args);
    } finally {
      add(stageOf(sqlOf(first)), performance.now() - t0);
    }
  };
  (client as unknown as Record<string, unknown>).batch = async (...args: unknown[]) => {
    const statements = args[0] as InStatement[];
    const t0 = performance.now();
    try {
      return await batch(...args);
    } finally {
      add(stageOf(sqlOf(statements[0]!)), performance.now() - t0);
    }
  };
}

/** The same mailer, its calls timed (wall time: the run prepares the next batch meanwhile, so this overlaps). */
export function timeMailer(mailer: Mailer, tallies: Tallies): Mailer {
  const tally = (tallies["mailer: hand-off (wall time, overlaps the next batch)"] ??= { ms: 0, calls: 0 });
  // Not an async function: its frame would hold the call, and so the messages, until the answer
  // (the run itself lets them go once they are handed over).
  const timed = <T>(call: () => Promise<T>): Promise<T> => {
    const t0 = performance.now();
    return call().finally(() => {
      tally.ms += performance.now() - t0;
      tally.calls++;
    });
  };
  return {
    name: mailer.name,
    send: (email, opts) => timed(() => mailer.send(email, opts)),
    sendBatch: (emails, opts) => timed(() => mailer.sendBatch(emails, opts)),
  };
}
