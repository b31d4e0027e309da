/**
 * The order one request goes through, as a real API gateway would: size, route, auth, the
 * injected fault, rate limit, idempotency, then validation, quota and acceptance.
 */
import { isAscii, isUtf8, transcode } from "node:buffer";
import { createHash } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { setTimeout as sleep } from "node:timers/promises";
import { acceptBatch, acceptSingle, errorOutcome, type BatchMode } from "./accept";
import { errors, fieldError, type ResendErrorBody } from "./errors";
import { MAX_KEY_LENGTH } from "./idempotency";
import type { FakeState, Outcome } from "./state";
import type { RecordedRequest } from "./types";

export interface Incoming {
  method: string;
  headers: IncomingHttpHeaders;
  /** The body's bytes as they arrived; `null` when it was over the size limit (and discarded). */
  rawBytes: Buffer | null;
}

const ENDPOINTS = ["/emails", "/emails/batch"] as const;
type Endpoint = (typeof ENDPOINTS)[number];

export async function processRequest(state: FakeState, incoming: Incoming, request: RecordedRequest): Promise<Outcome> {
  const { rawBytes, headers } = incoming;
  if (rawBytes === null) return errorOutcome(errors.tooLarge(state.maxBodyBytes));
  const endpoint = ENDPOINTS.find((path) => path === request.path);
  if (!endpoint) return errorOutcome(errors.notFound());
  if (incoming.method !== "POST") return errorOutcome(errors.methodNotAllowed());
  const authError = checkAuth(headers.authorization, state.apiKeys);
  if (authError) return errorOutcome(authError);

  const rawBody = decodeUtf8(rawBytes);
  const parsed = parseJson(rawBody);
  const key = request.idempotencyKey;
  const attempt = nextAttempt(state, endpoint, key, rawBytes);
  const fault =
    state.settings.fault?.({
      path: endpoint,
      body: parsed.value,
      rawBody,
      attempt,
      idempotencyKey: key,
      requestIndex: request.index,
    }) ?? "none";
  request.fault = fault;
  if (fault === "drop") return { kind: "drop" };
  if (fault === "500") return errorOutcome(errors.internal());
  if (fault === "429") return rateLimited(state.settings.ratePerSecond ?? 2, 1);

  const limit = state.settings.ratePerSecond;
  if (limit !== undefined) {
    const rate = state.rate.take(state.now(), limit);
    if (!rate.allowed) return rateLimited(limit, rate.resetSeconds);
  }
  if (key !== null && (key.length === 0 || key.length > MAX_KEY_LENGTH)) {
    return errorOutcome(errors.invalidIdempotencyKey());
  }
  if (parsed.error !== null) return errorOutcome(errors.invalidJson(parsed.error));
  const mode = endpoint === "/emails/batch" ? batchMode(headers["x-batch-validation"]) : "strict";
  if (typeof mode !== "string") return errorOutcome(mode);

  const outcome = await sendOnce(state, endpoint, parsed.value, rawBytes, mode, request);
  return fault === "accept-then-drop" ? { kind: "drop" } : outcome;
}

/** Idempotency around one acceptance: replay, conflict, or process and store the answer. */
async function sendOnce(
  state: FakeState,
  endpoint: Endpoint,
  body: unknown,
  rawBytes: Buffer,
  mode: BatchMode,
  request: RecordedRequest,
): Promise<Outcome> {
  const key = request.idempotencyKey;
  if (key !== null) {
    // A digest of the request, as a provider keeps: the same key with other bytes is a conflict.
    // (Keeping whole bodies grew the bench's fake by ~7 MB per batch of digests, for 24 hours.)
    const fingerprint = createHash("sha256").update(`${endpoint}\n${mode}\n`).update(rawBytes).digest("base64");
    const lookup = state.keys.begin(key, fingerprint);
    if (lookup.kind === "in-flight") return errorOutcome(errors.concurrentIdempotentRequests());
    if (lookup.kind === "mismatch") return errorOutcome(errors.invalidIdempotentRequest());
    if (lookup.kind === "replay") {
      request.replayed = true;
      return { kind: "answer", ...lookup.answer };
    }
  }
  let outcome: Outcome = errorOutcome(errors.internal());
  try {
    if (state.settings.latencyMs) await sleep(state.settings.latencyMs);
    outcome =
      endpoint === "/emails" ? acceptSingle(state, body, { request }) : acceptBatch(state, body, mode, { request });
    return outcome;
  } finally {
    if (key !== null) {
      if (outcome.kind === "answer" && outcome.status === 200) state.keys.complete(key, outcome);
      else state.keys.abandon(key);
    }
  }
}

function checkAuth(header: string | undefined, apiKeys: readonly string[] | undefined): ResendErrorBody | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? "");
  if (!match?.[1]) return errors.missingApiKey();
  const key = match[1];
  const known = apiKeys ? apiKeys.includes(key) : key.startsWith("re_");
  return known ? null : errors.invalidApiKey();
}

/**
 * UTF-8 to text, as `bytes.toString("utf8")` gives it, faster: V8's UTF-8 decoder, once it meets
 * one non-ASCII byte, goes byte by byte for the rest (~11 ms for a batch of 100 digests, the
 * fake's costliest step, on the machine the bench shares with the service). An all-ASCII body
 * is copied byte for byte; other valid UTF-8 goes through ICU's converter to UTF-16 (~6 ms).
 * Invalid UTF-8 keeps V8's decoder, which replaces each bad sequence as the WHATWG rules say.
 */
function decodeUtf8(bytes: Buffer): string {
  if (isAscii(bytes)) return bytes.toString("latin1");
  if (isUtf8(bytes)) return transcode(bytes, "utf8", "utf16le").toString("utf16le");
  return bytes.toString("utf8");
}

function parseJson(raw: string): { value: unknown; error: null } | { value: undefined; error: string } {
  try {
    return { value: JSON.parse(raw) as unknown, error: null };
  } catch (problem) {
    return { value: undefined, error: problem instanceof Error ? problem.message : String(problem) };
  }
}

function batchMode(header: string | string[] | undefined): BatchMode | ResendErrorBody {
  const value = (Array.isArray(header) ? header[0] : header)?.trim().toLowerCase() ?? "strict";
  if (value === "strict" || value === "permissive") return value;
  return fieldError("validation_error", "The `x-batch-validation` header must be `strict` or `permissive`.");
}

function nextAttempt(state: FakeState, path: string, key: string | null, rawBytes: Buffer): number {
  const id = `${path}\n${key ?? `body:${createHash("sha256").update(rawBytes).digest("hex")}`}`;
  const attempt = (state.attempts.get(id) ?? 0) + 1;
  state.attempts.set(id, attempt);
  return attempt;
}

function rateLimited(perSecond: number, retryAfterSeconds: number): Outcome {
  const headers = {
    "retry-after": String(retryAfterSeconds),
    "ratelimit-limit": String(perSecond),
    "ratelimit-remaining": "0",
    "ratelimit-reset": String(retryAfterSeconds),
  };
  return { kind: "answer", status: 429, body: errors.rateLimitExceeded(perSecond), headers };
}
