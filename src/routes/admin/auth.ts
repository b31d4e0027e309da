import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../../deps";
import { AppError } from "../../errors";

/**
 * Bearer-token guard for /admin/api/*: disabled (404) when ADMIN_TOKEN is unset, 401 otherwise
 * unless the header matches. The comparison is constant-time over the token bytes.
 */
export const requireAdmin = createMiddleware<AppEnv>(async (c, next) => {
  const expected = c.var.deps.config.adminToken;
  if (!expected) throw new AppError("NOT_FOUND", "The admin API is disabled: set ADMIN_TOKEN to enable it.");
  const header = c.req.header("authorization") ?? "";
  const given = header.startsWith("Bearer ") ? header.slice(7) : "";
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  if (diff !== 0) {
    c.header("WWW-Authenticate", 'Bearer realm="admin"');
    throw new AppError("UNAUTHORIZED", "Missing or wrong admin token: send Authorization: Bearer $ADMIN_TOKEN.");
  }
  await next();
});
