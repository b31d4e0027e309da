import { env } from "cloudflare:test";
import { and, count, eq, ne } from "drizzle-orm";
import type { Db } from "../../../db/client";
import * as schema from "../../../db/schema";
import { openD1 } from "../../../src/workers/database";
import { givenListing } from "../../support/listing-factory";
import { givenSubscribers } from "../../support/subscriber-factory";

/** The test file's D1 through Drizzle, typed as the service's Db (the same query surface). */
export function d1(): Db {
  return openD1(env.DB);
}

/** A Monday 09:00 UTC: every subscriber on the default preferences (Monday 08:00 UTC) is due. */
export const MONDAY = new Date("2026-12-07T09:00:00Z");

/**
 * Listings from the last few days and `n` confirmed subscribers on default preferences. Five
 * subscribers a call: the factory writes a row of preferences with 17 parameters, and D1 takes
 * at most 100 a statement.
 */
export async function givenWeek(db: Db, n: number, now = MONDAY): Promise<{ id: string; email: string }[]> {
  for (let i = 0; i < 3; i++) await givenListing(db, {}, new Date(now.getTime() - (i + 1) * 86_400_000));
  const people: { id: string; email: string }[] = [];
  for (let i = 0; i < n; i += 5) {
    const chunk = Array.from({ length: Math.min(5, n - i) }, (_, j) => ({
      email: `reader-${i + j}-${crypto.randomUUID().slice(0, 6)}@example.com`,
    }));
    people.push(...(await givenSubscribers(db, new Date(now.getTime() - 30 * 86_400_000), chunk)));
  }
  return people;
}

/** These subscribers' weekly digests in the ledger, by status (the file's tests share one D1). */
export async function ledgerStatuses(db: Db, people: { id: string }[]): Promise<Record<string, number>> {
  const ids = new Set(people.map((p) => p.id));
  const rows = await db
    .select({ subscriberId: schema.deliveries.subscriberId, status: schema.deliveries.status })
    .from(schema.deliveries)
    .where(eq(schema.deliveries.kind, "digest"));
  const counts: Record<string, number> = {};
  for (const r of rows) if (ids.has(r.subscriberId)) counts[r.status] = (counts[r.status] ?? 0) + 1;
  return counts;
}

/** Slice runs the consumer has finished (job_runs rows named "digest-slice"). */
export async function finishedSliceRuns(db: Db): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(schema.jobRuns)
    .where(and(eq(schema.jobRuns.job, "digest-slice"), ne(schema.jobRuns.status, "running")));
  return row?.n ?? 0;
}

/**
 * Waits (polling, bounded) until `done` holds: the queue delivers to the consumer on its own
 * schedule. Not a timed assertion: the bound only turns a hang into a failure.
 */
export async function until(done: () => Promise<boolean>, what: string, boundMs = 45_000): Promise<void> {
  const deadline = Date.now() + boundMs;
  while (!(await done())) {
    if (Date.now() > deadline) throw new Error(`still waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
