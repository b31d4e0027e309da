import { Hono } from "hono";
import type { AppEnv } from "../../deps";
import { requireAdmin } from "./auth";
import { adminDigestRoutes } from "./digest";
import { adminListingRoutes } from "./listings";
import { adminStatsRoutes } from "./stats";

/** Everything under /admin/api, behind the bearer token. */
export const adminRoutes = new Hono<AppEnv>()
  .use("*", requireAdmin)
  .route("/", adminListingRoutes)
  .route("/", adminStatsRoutes)
  .route("/", adminDigestRoutes);
