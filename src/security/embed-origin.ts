import type { Context } from "hono";
import { cors } from "hono/cors";
import { createMiddleware } from "hono/factory";
import type { Config } from "../config";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";

type OriginConfig = Pick<Config, "publicUrl" | "allowedOrigins">;

/** Whether `origin` (an Origin header) is another site the operator listed in ALLOWED_ORIGINS. */
export function isAllowedOrigin(config: OriginConfig, origin: string | undefined): origin is string {
  return origin !== undefined && config.allowedOrigins.includes(origin);
}

/** This service's own origins: the public one, and the one the request reached (a local port, say). */
function isOwnOrigin(c: Context, config: OriginConfig, origin: string): boolean {
  return origin === new URL(config.publicUrl).origin || origin === new URL(c.req.url).origin;
}

/**
 * The no-JavaScript fallback of the embedded form (README "Embed the form on your site"): a plain
 * POST /subscribe from a page on an allowed site carries no CSRF token (that page cannot know
 * one) but the browser names its site in Origin. Only then is the token not asked for: a form on
 * any other site, or a request without Origin, still needs it.
 */
export function isEmbeddedFormPost(config: OriginConfig, req: Request): boolean {
  return (
    req.method === "POST" &&
    new URL(req.url).pathname === "/subscribe" &&
    isAllowedOrigin(config, req.headers.get("origin") ?? undefined)
  );
}

const allowedCors = cors({
  origin: (origin) => origin,
  allowMethods: ["POST"],
  allowHeaders: ["Content-Type"],
  maxAge: 600,
});

/**
 * CORS for the JSON API, by allow-list: an allowed origin gets Hono's CORS headers (preflight
 * included); this site itself needs none; any other origin gets no CORS header at all and a 403
 * (the browser refuses the call; its network panel shows why). Requests without Origin
 * (curl, servers) pass: CORS only ever binds browsers, and the limits apply to everyone.
 */
export const embedCors = createMiddleware<AppEnv>(async (c, next) => {
  const { config } = c.var.deps;
  const origin = c.req.header("origin") || undefined; // an empty header names no site
  if (isAllowedOrigin(config, origin)) {
    // Set on the context too, so answers made by later middleware (the body limit's 413) keep it.
    c.header("Access-Control-Allow-Origin", origin);
    return allowedCors(c, next);
  }
  c.header("Vary", "Origin");
  if (origin !== undefined && !isOwnOrigin(c, config, origin)) {
    throw new AppError(
      "ORIGIN_NOT_ALLOWED",
      "This site may not send sign-ups here. The operator can add it to ALLOWED_ORIGINS.",
    );
  }
  if (c.req.method === "OPTIONS") return c.body(null, 204);
  await next();
});
