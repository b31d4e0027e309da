import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** `partial`: the run finished but left work undone (digests deferred or failed); `failed`: it did none of it, or threw. */
export const JOB_RUN_STATUSES = ["running", "ok", "partial", "failed"] as const;
export type JobRunStatus = (typeof JOB_RUN_STATUSES)[number];

/** One row per job run (ingest, digest, housekeeping), for the admin API and the operator's "last runs". */
export const jobRuns = sqliteTable(
  "job_runs",
  {
    id: text("id").primaryKey(),
    job: text("job").notNull(),
    startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
    finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
    status: text("status", { enum: JOB_RUN_STATUSES }).notNull(),
    summary: text("summary", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  // Housekeeping deletes runs by age.
  (t) => [index("job_runs_started_at_idx").on(t.startedAt)],
);
