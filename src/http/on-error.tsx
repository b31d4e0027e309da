import type { Context } from "hono";
import { HTTPException } from "hono/http-exception";
import type { AppEnv } from "../deps";
import { AppError, ERROR_STATUS, errorReason } from "../errors";
import { ErrorPage } from "../pages/message";

/** Paths that speak JSON; everything else is a page a person reads. */
export const isJsonPath = (path: string) => /^\/(api|admin\/api|webhooks|healthz|metrics)(\/|$)/.test(path);

/**
 * The one error renderer (STYLE.md §6): AppErrors become their status with the message; anything
 * unexpected is logged with the request id and answered with a 500 that shows no internals.
 */
export function renderError(err: Error, c: Context<AppEnv>) {
  const appError = toAppError(err);
  if (appError.code === "INTERNAL") {
    // The route pattern, never the path (it holds the token); the message with anything token-like
    // cut out, since it can quote input (the logger masks addresses). See issue 16.6.
    const message = errorReason(err)
      .slice(0, 300)
      .replace(/[A-Za-z0-9_.-]{16,}/g, "[redacted]");
    c.var.deps?.log.error("request.failed", {
      requestId: c.var.requestId,
      route: c.req.routePath,
      error: err.name,
      message,
    });
  }
  const status = ERROR_STATUS[appError.code];
  const retryAfter = appError.details?.retryAfterSec;
  if (typeof retryAfter === "number") c.header("Retry-After", String(retryAfter));
  if (isJsonPath(c.req.path)) return c.json({ error: { code: appError.code, message: appError.message } }, status);
  // A refused form (too large, too many, a stale session) on a subscriber's own page: back to that
  // page, where their preferences still are, rather than to the sign-up form. Forms post to their page's path.
  // Not when the link itself is what failed (bad, wrong or gone): that page would only say so again.
  const linkFailed = ["INVALID_TOKEN", "WRONG_LINK", "NOT_FOUND"].includes(appError.code);
  const back =
    c.req.method === "POST" && c.req.path !== "/subscribe" && status < 500 && !linkFailed ? c.req.path : undefined;
  return c.html(<ErrorPage status={status} message={appError.message} back={back} />, status);
}

/**
 * The client closed the connection while its body was still being read (Node's "aborted",
 * ECONNRESET). Nothing failed here and nobody is left to read the answer: it was logged as a
 * `request.failed` error with status 500, so a client hanging up raised an operator's alarm.
 */
function isClientAbort(err: Error): boolean {
  return err.message === "aborted" && (err as Error & { code?: unknown }).code === "ECONNRESET";
}

function toAppError(err: Error): AppError {
  if (err instanceof AppError) return err;
  if (isClientAbort(err))
    return new AppError("BAD_REQUEST", "The request ended before its body arrived in full. Please send it again.");
  if (err instanceof HTTPException) {
    if (err.status === 413)
      return new AppError("PAYLOAD_TOO_LARGE", "That request was too large. Please shorten what you entered.");
    if (err.status === 401) return new AppError("UNAUTHORIZED", "Missing or wrong credentials.");
    if (err.status < 500) return new AppError("BAD_REQUEST", err.message || "That request could not be understood.");
  }
  return new AppError(
    "INTERNAL",
    "Something went wrong on our side. Nothing you entered was lost: please try again in a moment.",
  );
}
