import { count, max } from "drizzle-orm";
import { Hono } from "hono";
import { createMiddleware } from "hono/factory";
import { deliveries, jobRuns, listings, subscribers } from "../../db/schema";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { bearerToken } from "../security/bearer";
import { constantTimeEqual } from "../security/tokens";

/**
 * Who may read /metrics (issue 16.4): its subscriber counts move when an address subscribes, so
 * they tell whether an address was already known. With METRICS_TOKEN set, only its bearer; in
 * production without it, nobody (404, as if absent); outside production without it, anyone.
 */
const requireMetricsToken = createMiddleware<AppEnv>(async (c, next) => {
  const { metricsToken, isProduction } = c.var.deps.config;
  if (!metricsToken) {
    if (isProduction) throw new AppError("NOT_FOUND", "There is nothing at this address.");
    return next();
  }
  if (!constantTimeEqual(bearerToken(c.req.header("authorization")), metricsToken)) {
    c.header("WWW-Authenticate", 'Bearer realm="metrics"');
    throw new AppError("UNAUTHORIZED", "Missing or wrong metrics token: send Authorization: Bearer $METRICS_TOKEN.");
  }
  await next();
});

/**
 * GET /metrics in the Prometheus text format: counts an operator alerts on (subscribers by
 * status, open listings, ledger rows by status, including `unknown` and `failed`) and when each
 * job last finished. Counts only: no addresses, no ids. Behind requireMetricsToken (any method).
 */
export const metricsRoutes = new Hono<AppEnv>()
  // For every method, so a 405 (http/method-not-allowed.ts) never tells a stranger /metrics is there.
  .use("/metrics", requireMetricsToken)
  .get("/metrics", async (c) => {
    const db = c.var.deps.db;
    const [subs, lists, ledger, runs] = await Promise.all([
      db.select({ k: subscribers.status, n: count() }).from(subscribers).groupBy(subscribers.status),
      db.select({ k: listings.status, n: count() }).from(listings).groupBy(listings.status),
      db.select({ k: deliveries.status, n: count() }).from(deliveries).groupBy(deliveries.status),
      db
        .select({ k: jobRuns.job, at: max(jobRuns.finishedAt) })
        .from(jobRuns)
        .groupBy(jobRuns.job),
    ]);
    const lines: string[] = [];
    const gauge = (name: string, help: string, rows: { k: string; n: number }[], label: string) => {
      lines.push(`# HELP ${name} ${help}`, `# TYPE ${name} gauge`);
      for (const r of rows) lines.push(`${name}{${label}="${r.k}"} ${r.n}`);
    };
    gauge("backend_weekly_subscribers", "Subscribers by status.", subs, "status");
    gauge("backend_weekly_listings", "Listings by status.", lists, "status");
    gauge("backend_weekly_deliveries", "Delivery ledger rows by status.", ledger, "status");
    lines.push(
      "# HELP backend_weekly_job_last_finished_seconds When each job last finished (Unix time).",
      "# TYPE backend_weekly_job_last_finished_seconds gauge",
    );
    for (const r of runs)
      if (r.at)
        lines.push(`backend_weekly_job_last_finished_seconds{job="${r.k}"} ${Math.floor(r.at.getTime() / 1000)}`);
    return c.text(`${lines.join("\n")}\n`, 200, { "content-type": "text/plain; version=0.0.4; charset=utf-8" });
  });
