import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";

/** JSON, with or without parameters (`; charset=utf-8`), in any letter case. */
const JSON_TYPE = /^application\/json\s*(;|$)/i;

export const isJsonType = (type: string | undefined): boolean => JSON_TYPE.test(type ?? "");

const SEND_JSON = "Send the body as JSON, with the header Content-Type: application/json.";

/** For an endpoint that reads a JSON body: 415 unless the request says it carries JSON. */
export function requireJsonType(c: Context, message = SEND_JSON): void {
  if (!isJsonType(c.req.header("content-type"))) throw new AppError("UNSUPPORTED_MEDIA_TYPE", message);
}

/**
 * For a JSON API: a request (other than GET or HEAD) that declares a body of another type (text/plain, a form) is a 415,
 * never read as JSON. A request without Content-Type passes (a bodyless POST such as
 * /admin/api/ingest); an endpoint that needs a body also calls requireJsonType.
 */
export const refuseNonJsonBodies = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.method === "GET" || c.req.method === "HEAD" ? undefined : c.req.header("content-type");
  if (type !== undefined && !isJsonType(type)) throw new AppError("UNSUPPORTED_MEDIA_TYPE", SEND_JSON);
  await next();
});
