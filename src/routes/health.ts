import { sql } from "drizzle-orm";
import { Hono } from "hono";
import type { AppEnv } from "../deps";

/** GET /healthz: 200 when the database answers, 503 when it does not. */
export const healthRoutes = new Hono<AppEnv>().get("/healthz", async (c) => {
  try {
    await c.var.deps.db.run(sql`select 1`);
    return c.json({ status: "ok" });
  } catch {
    return c.json(
      { status: "unavailable", error: { code: "DATABASE_UNAVAILABLE", message: "The database did not answer." } },
      503,
    );
  }
});
