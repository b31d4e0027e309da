import type { z } from "zod";
import { cleanInline } from "../classify/text";
import { plainLabel } from "./label-text";
import { SourceParseError } from "./raw-listing";

/** A JSON object read from a payload; fields are read through the helpers below. */
export type JsonObject = Record<string, unknown>;

/**
 * Parses a payload as JSON, or throws a SourceParseError naming the source type. The message
 * never quotes the payload (JSON.parse's own does): errors are stored, and a body may be anything.
 */
export function parseJsonPayload(sourceType: string, payloadText: string): unknown {
  try {
    return JSON.parse(payloadText) as unknown;
  } catch {
    throw new SourceParseError(
      sourceType,
      `payload is not JSON${notJsonKind(payloadText)} (${payloadText.length} characters)`,
    );
  }
}

// What a body that is not JSON looks like, without quoting it: a board answering 200 with a login,
// error or bot-challenge page is the usual cause, and the length alone did not say so.
function notJsonKind(text: string): string {
  const start = text.trimStart();
  if (start === "") return ": it is empty";
  return start.startsWith("<") ? " but HTML or XML" : "";
}

/** Validates a payload's envelope with zod; the error lists the first problems found. */
export function parseEnvelope<T>(sourceType: string, schema: z.ZodType<T>, value: unknown): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues
    .slice(0, 3)
    .map((issue) => `${issue.path.join(".") || "(root)"}: ${issue.message}`)
    .join("; ");
  throw new SourceParseError(sourceType, `unexpected payload shape (${problems})`);
}

/** Narrows one item to an object, or throws a SourceParseError. */
export function asObject(sourceType: string, item: unknown): JsonObject {
  if (item && typeof item === "object" && !Array.isArray(item)) return item as JsonObject;
  // typeof says "object" for an array too, which read "item is not an object (object)".
  const kind = item === null ? "null" : Array.isArray(item) ? "array" : typeof item;
  throw new SourceParseError(sourceType, `item is not an object (${kind})`);
}

/** The first of `keys` holding a non-empty string or a number, as a trimmed string; "" when none. */
export function readString(obj: JsonObject | undefined | null, ...keys: string[]): string {
  if (!obj) return "";
  for (const key of keys) {
    const value = obj[key];
    if (typeof value === "string" && value.trim() !== "") return value.trim();
    if (typeof value === "number" && Number.isFinite(value)) return String(value);
  }
  return "";
}

/** A one-line label read from `keys`: entities decoded once, real tags dropped (plainLabel). */
export function readLabel(obj: JsonObject | undefined | null, ...keys: string[]): string {
  return plainLabel(readString(obj, ...keys));
}

/** A nested object, or undefined. */
export function readObject(obj: JsonObject | undefined | null, key: string): JsonObject | undefined {
  const value = obj?.[key];
  return value && typeof value === "object" && !Array.isArray(value) ? (value as JsonObject) : undefined;
}

/** An array field (non-arrays read as empty). */
export function readArray(obj: JsonObject | undefined | null, key: string): unknown[] {
  const value = obj?.[key];
  return Array.isArray(value) ? value : [];
}

/** An array of strings, entities decoded, empties dropped; a single string becomes a one-item list. */
export function readStrings(obj: JsonObject | undefined | null, key: string): string[] {
  const value = obj?.[key];
  const items = Array.isArray(value) ? value : typeof value === "string" ? [value] : [];
  return items
    .filter((v): v is string => typeof v === "string")
    .map(cleanInline)
    .filter(Boolean);
}

/** A number from a number or a numeric string ("75.00", "120,000"); null when absent or not numeric. */
export function toNumber(value: unknown): number | null {
  if (typeof value === "number") return Number.isFinite(value) ? value : null;
  if (typeof value !== "string") return null;
  const cleaned = value.replace(/[,\s]/g, "");
  if (!/^-?\d+(\.\d+)?$/.test(cleaned)) return null;
  return Number(cleaned);
}

/** A positive amount, or null: sources use 0 (and sometimes negatives) for "not stated". */
export function toAmount(value: unknown): number | null {
  const n = toNumber(value);
  return n !== null && n > 0 ? n : null;
}

// Epoch numbers below this are seconds; above, milliseconds (sources mix both).
const MILLISECONDS_THRESHOLD = 1e11;

/**
 * An ISO 8601 timestamp from epoch seconds or milliseconds, an ISO string, "YYYY-MM-DD HH:MM:SS"
 * (read as UTC), "… UTC", or an RFC 822 date; null when absent or unreadable.
 */
export function toIsoDate(value: unknown): string | null {
  if (value === null || value === undefined || value === "" || value === 0) return null;
  if (typeof value === "number" || (typeof value === "string" && /^\d{9,13}$/.test(value.trim()))) {
    const n = Number(value);
    const date = new Date(n < MILLISECONDS_THRESHOLD ? n * 1000 : n);
    return Number.isNaN(date.getTime()) ? null : date.toISOString();
  }
  if (typeof value !== "string") return null;
  let text = value.trim();
  if (/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}(:\d{2})?( UTC)?$/.test(text))
    text = `${text.replace(" UTC", "").replace(" ", "T")}Z`;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? null : date.toISOString();
}

/** The path segment after the host, e.g. the board slug in `https://jobs.lever.co/acme/123`. */
export function firstPathSegment(url: string): string {
  const match = /^https?:\/\/[^/]+\/([^/?#]+)/.exec(url);
  return match?.[1] ? decodeURIComponent(match[1]) : "";
}
