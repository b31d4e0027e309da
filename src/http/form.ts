import type { Context } from "hono";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import type { FormInput } from "../subscribers/preferences";

/**
 * The raw form body (urlencoded or multipart; any other type reads as empty). A body the parser
 * cannot read (a broken multipart boundary, a truncated part) is the client's fault: a 400 with a
 * clear message, never a 500 (issue 16.6). Hono keeps the parsed body, so later calls are free.
 */
export async function parseFormBody(c: Context): Promise<Record<string, string | File | (string | File)[]>> {
  try {
    return await c.req.parseBody({ all: true });
  } catch {
    throw new AppError(
      "BAD_REQUEST",
      "The form could not be read: its body is malformed. Please reload the page and send it again.",
    );
  }
}

/** Reads a urlencoded or multipart form as strings (repeated keys become arrays; files are dropped). */
export async function readForm(c: Context): Promise<FormInput> {
  const body = await parseFormBody(c);
  const out: FormInput = {};
  for (const [key, value] of Object.entries(body)) {
    const strings = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    out[key] = strings.length === 1 && !Array.isArray(value) ? strings[0] : strings;
  }
  return out;
}

/** What a browser's HTML form sends (any charset parameter). */
const FORM_TYPE = /^(application\/x-www-form-urlencoded|multipart\/form-data)\s*(;|$)/i;

/**
 * For the pages' forms, before the CSRF check: a POST that declares another body type (JSON, text)
 * is a 415 saying what the form takes, not a "form expired" 403 (its CSRF token cannot be read
 * from such a body). The sign-up form points at /api/subscribe, which takes JSON. A POST without
 * Content-Type still meets the CSRF check as before.
 */
export const refuseNonFormBodies = createMiddleware<AppEnv>(async (c, next) => {
  const type = c.req.method === "POST" ? c.req.header("content-type") : undefined;
  if (type !== undefined && !FORM_TYPE.test(type)) {
    const json = c.req.path === "/subscribe" ? " To sign up with JSON, send it to /api/subscribe instead." : "";
    throw new AppError(
      "UNSUPPORTED_MEDIA_TYPE",
      `This form takes form data (application/x-www-form-urlencoded or multipart/form-data), as a browser sends it.${json}`,
    );
  }
  await next();
});
