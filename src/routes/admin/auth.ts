import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../deps";
import { AppError } from "../../errors";
import { bearerToken } from "../../security/bearer";
import { constantTimeEqual } from "../../security/tokens";

/**
 * Bearer-token guard for /admin/api/*: disabled (404) when ADMIN_TOKEN is unset, 401 otherwise
 * unless the header matches (compared in constant time).
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.var.deps.config.adminToken;
  if (!expected) throw new AppError("NOT_FOUND", "The admin API is disabled: set ADMIN_TOKEN to enable it.");
  if (!constantTimeEqual(bearerToken(c.req.header("authorization")), expected)) {
    c.header("WWW-Authenticate", 'Bearer realm="admin"');
    throw new AppError("UNAUTHORIZED", "Missing or wrong admin token: send Authorization: Bearer $ADMIN_TOKEN.");
  }
  await next();
});
