import { count, sql } from "drizzle-orm";
import { Hono } from "hono";
import { ingestJob } from "../../../cron/ingest";
import { listings, subscribers } from "../../../db/schema";
import type { AppEnv } from "../../deps";
import { AppError } from "../../errors";
import { recentRuns } from "../../jobs/record-run";

/**
 * /admin/api/stats (counts and the last runs) and /admin/api/ingest[?source=NAME] (run ingest now;
 * 404 for a NAME no configured source has).
 */
export const adminStatsRoutes = new Hono<AppEnv>()
  .get("/stats", async (c) => {
    const db = c.var.deps.db;
    const [subs, lists, runs] = await Promise.all([
      db.select({ status: subscribers.status, n: count() }).from(subscribers).groupBy(subscribers.status),
      db
        .select({
          status: listings.status,
          n: count(),
          backend: sql<number>`sum(${listings.isBackend})`,
          flagged: sql<number>`sum(json_array_length(${listings.scamSignals}) > 0)`,
        })
        .from(listings)
        .groupBy(listings.status),
      recentRuns(db),
    ]);
    return c.json({
      subscribers: Object.fromEntries(subs.map((r) => [r.status, r.n])),
      listings: Object.fromEntries(
        lists.map((r) => [r.status, { total: r.n, backend: Number(r.backend ?? 0), flagged: Number(r.flagged ?? 0) }]),
      ),
      runs,
    });
  })
  .post("/ingest", async (c) => {
    const deps = c.var.deps;
    const only = c.req.query("source");
    // `?source=` (a script's empty variable) used to fetch every source, as if it were left out.
    if (only !== undefined && !only.trim())
      throw new AppError("VALIDATION_FAILED", "source is empty: name a configured source, or leave it out for all.");
    // As `ingest --source` does: a name no source has is a mistake to name, not an empty run.
    if (only && !(await deps.sources()).some((s) => s.name === only))
      throw new AppError(
        "NOT_FOUND",
        // Runtime-neutral: Node reads SOURCES_FILE, a Worker the SOURCES_JSON var.
        `There is no source named "${only.slice(0, 100)}" among the configured sources: no source was fetched.`,
      );
    const summary = await ingestJob(deps, { now: deps.clock.now(), only, force: true });
    return c.json(summary);
  });
