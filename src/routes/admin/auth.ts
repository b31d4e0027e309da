import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../deps";
import { AppError } from "../../errors";
import { constantTimeEqual } from "../../security/tokens";

/**
 * Bearer-token guard for /admin/api/*: disabled (404) when ADMIN_TOKEN is unset, 401 otherwise
 * unless the header matches (compared in constant time).
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.var.deps.config.adminToken;
  if (!expected) throw new AppError("NOT_FOUND", "The admin API is disabled: set ADMIN_TOKEN to enable it.");
  const header = c.req.header("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7) : "";
  if (!constantTimeEqual(given, expected)) {
    c.header("WWW-Authenticate", 'Bearer realm="admin"');
    throw new AppError("UNAUTHORIZED", "Missing or wrong admin token: send Authorization: Bearer $ADMIN_TOKEN.");
  }
  await next();
});
