import type { FormInput } from "./preferences";

type Scalar = string | number | boolean;

/**
 * A JSON sign-up as the form fields parsePreferences reads, so the JSON API validates exactly as
 * the HTML form does: text stays text, numbers become their digits, true/false become yes/no,
 * lists of those become repeated fields; null means absent. Anything else (an object, a nested
 * list) is refused naming the field, rather than read as something nobody sent.
 */
export function jsonToForm(body: unknown): { ok: true; value: FormInput } | { ok: false; message: string } {
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    return { ok: false, message: 'Send a JSON object such as {"email": "you@example.com"}.' };
  }
  const out: FormInput = {};
  for (const [key, value] of Object.entries(body)) {
    if (value === null || value === undefined) continue;
    if (isScalar(value)) out[key] = asText(value);
    else if (Array.isArray(value) && value.every(isScalar)) out[key] = value.map(asText);
    else
      return {
        ok: false,
        message: `The field "${key.slice(0, 40)}" must be text, a number, true/false or a list of those.`,
      };
  }
  return { ok: true, value: out };
}

function isScalar(v: unknown): v is Scalar {
  return typeof v === "string" || typeof v === "number" || typeof v === "boolean";
}

function asText(v: Scalar): string {
  return typeof v === "boolean" ? (v ? "yes" : "no") : String(v);
}
