import { Hono } from "hono";
import type { AppEnv } from "../../deps";
import { refuseNonJsonBodies } from "../../http/json-type";
import { requireAdmin } from "./auth";
import { adminDigestRoutes } from "./digest";
import { adminListingRoutes } from "./listings";
import { adminStatsRoutes } from "./stats";

/** Everything under /admin/api, behind the bearer token; bodies are JSON or refused (415). */
export const adminRoutes = new Hono<AppEnv>()
  .use("*", requireAdmin)
  .use("*", refuseNonJsonBodies)
  .route("/", adminListingRoutes)
  .route("/", adminStatsRoutes)
  .route("/", adminDigestRoutes);
