import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/** One row per job run (ingest, digest), for the admin API and the operator's "last runs". */
export const jobRuns = sqliteTable("job_runs", {
  id: text("id").primaryKey(),
  job: text("job").notNull(),
  startedAt: integer("started_at", { mode: "timestamp_ms" }).notNull(),
  finishedAt: integer("finished_at", { mode: "timestamp_ms" }),
  status: text("status", { enum: ["running", "ok", "failed"] }).notNull(),
  summary: text("summary", { mode: "json" }).$type<Record<string, unknown>>(),
});
