import type { Context, Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";

/**
 * The app's not-found handler (RFC 9110 §15.5.6): a path some route answers with other methods is
 * a 405 whose Allow header names them (GET implies HEAD, which Hono answers from the GET route);
 * a path no route answers stays a 404. It asks the app's own router, so the answer follows every
 * route as registered, with Hono's own path rules, and no route needs a handler of its own.
 * Middleware (registered for every method) does not count as answering a path.
 */
export function notFoundOrNotAllowed(app: Hono<AppEnv>) {
  return (c: Context<AppEnv>): never => {
    const allowed = allowedMethods(app, c.req.path);
    if (allowed.length === 0) throw new AppError("NOT_FOUND", "There is nothing at this address.");
    const allow = allowed.join(", ");
    c.header("Allow", allow);
    throw new AppError("METHOD_NOT_ALLOWED", `This address does not answer ${c.req.method}; it answers ${allow}.`);
  };
}

/** Whether a route (not middleware) answers `method` at `path`. */
export function routeAnswers(app: Hono<AppEnv>, method: string, path: string): boolean {
  return app.router.match(method, path)[0].some(([[, route]]) => route.method === method);
}

/** The methods routes answer at `path`, sorted, with HEAD wherever GET is. */
function allowedMethods(app: Hono<AppEnv>, path: string): string[] {
  const methods = new Set(app.routes.map((r) => r.method).filter((m) => m !== "ALL"));
  const allowed = [...methods].filter((method) => routeAnswers(app, method, path));
  if (allowed.includes("GET")) allowed.push("HEAD");
  return allowed.sort();
}
