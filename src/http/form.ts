import type { Context } from "hono";
import type { FormInput } from "../subscribers/preferences";

/** Reads a urlencoded or multipart form as strings (repeated keys become arrays; files are dropped). */
export async function readForm(c: Context): Promise<FormInput> {
  const body = await c.req.parseBody({ all: true });
  const out: FormInput = {};
  for (const [key, value] of Object.entries(body)) {
    const strings = (Array.isArray(value) ? value : [value]).filter((v): v is string => typeof v === "string");
    out[key] = strings.length === 1 && !Array.isArray(value) ? strings[0] : strings;
  }
  return out;
}
