import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobRuns } from "../../db/schema";

/**
 * Runs a job and keeps a row for it (running → ok | failed, with its summary), so the operator
 * can see the last runs and their counts. The job's own result is returned unchanged.
 */
export async function recordRun<T extends object>(db: Db, job: string, now: () => Date, fn: () => Promise<T>): Promise<T> {
  const id = crypto.randomUUID();
  await db.insert(jobRuns).values({ id, job, startedAt: now(), status: "running" });
  try {
    const summary = await fn();
    await db.update(jobRuns).set({ status: "ok", finishedAt: now(), summary: summary as Record<string, unknown> }).where(eq(jobRuns.id, id));
    return summary;
  } catch (err) {
    await db.update(jobRuns).set({ status: "failed", finishedAt: now(), summary: { error: (err as Error).message } }).where(eq(jobRuns.id, id));
    throw err;
  }
}

/** The most recent runs, newest first, optionally of one job. */
export async function recentRuns(db: Db, opts: { job?: string; limit?: number } = {}) {
  return db
    .select()
    .from(jobRuns)
    .where(opts.job ? eq(jobRuns.job, opts.job) : undefined)
    .orderBy(desc(jobRuns.startedAt))
    .limit(opts.limit ?? 20);
}
