import { desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { jobRuns, type JobRunStatus } from "../../db/schema";
import type { Logger } from "../log";
import { errorReason } from "../errors";

/** How a finished job judges its own summary: everything done, some of it left undone, or none of it done. */
export type JobOutcome = Exclude<JobRunStatus, "running">;

/**
 * Runs a job and keeps a row for it (running → ok | partial | failed, with its summary), so the
 * operator can see the last runs and their counts. `outcome` reads the summary: a run that
 * returned but left work undone (digests deferred or failed) is `partial` or `failed`, never
 * `ok`, and is logged at error level (issue 17: 300 deferred was `job.finished` at info). A job
 * that throws is `failed`. The job's own result is returned unchanged. `fn` gets the run's id, so
 * the job's own log lines can carry the one `runId` its job_runs row and `job.failed` line have.
 */
export async function recordRun<T extends object>(
  deps: { db: Db; log: Logger },
  job: string,
  now: () => Date,
  fn: (runId: string) => Promise<T>,
  outcome: (summary: T) => JobOutcome = () => "ok",
): Promise<T> {
  const id = crypto.randomUUID();
  const startedAt = now();
  await deps.db.insert(jobRuns).values({ id, job, startedAt, status: "running" });
  try {
    const summary = await fn(id);
    const status = outcome(summary);
    await deps.db
      .update(jobRuns)
      .set({ status, finishedAt: now(), summary: summary as Record<string, unknown> })
      .where(eq(jobRuns.id, id));
    if (status !== "ok") deps.log.error(`job.${status}`, { job, runId: id, ...summary });
    return summary;
  } catch (err) {
    await deps.db
      .update(jobRuns)
      .set({ status: "failed", finishedAt: now(), summary: { error: errorReason(err) } })
      .where(eq(jobRuns.id, id));
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
