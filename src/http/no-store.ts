import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../deps";

/** The paths a link token opens: their pages show an address, filters, a digest or a person's data. */
const TOKEN_PAGE = /^\/(confirm|preferences|unsubscribe|digest|my-data|subscribe\/choices)\//;

/**
 * `Cache-Control: no-store` on every answer of a token path (pages, POST answers, errors): a
 * shared computer's browser cache or a proxy must not keep someone's address and filters. Set
 * before the route runs, like the other headers (app.ts), so error pages carry it too.
 */
export const noStoreOnTokenPages = createMiddleware<AppEnv>(async (c, next) => {
  if (TOKEN_PAGE.test(c.req.path)) c.header("Cache-Control", "no-store");
  await next();
});
