/** HTTP plumbing of the fake: listen, read bodies, answer or drop, and the handle tests hold. */
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { errors } from "./errors";
import { IdempotencyStore, KEY_TTL_MS } from "./idempotency";
import { DailyQuota, RateLimiter } from "./limits";
import { processRequest } from "./pipeline";
import type { FakeState, Outcome } from "./state";
import type { FakeResend, FakeResendOptions, FakeResendSettings, RecordedRequest } from "./types";

const DEFAULT_MAX_BODY_BYTES = 40 * 1024 * 1024;

/**
 * Start a fake Resend API on 127.0.0.1 (a free port) that the real `resend` SDK can talk to.
 * Every test owns its instance: call `close()` when done, `reset()` between cases.
 */
export async function startFakeResend(options: FakeResendOptions = {}): Promise<FakeResend> {
  const now = options.now ?? Date.now;
  const initialSettings = (): FakeResendSettings => ({
    ratePerSecond: options.ratePerSecond,
    dailyQuota: options.dailyQuota,
    latencyMs: options.latencyMs,
    fault: options.fault ?? null,
  });
  const state: FakeState = {
    now,
    settings: initialSettings(),
    apiKeys: options.apiKeys,
    maxBodyBytes: options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES,
    accepted: [],
    onAccepted: options.onAccepted,
    requests: [],
    keys: new IdempotencyStore(now),
    rate: new RateLimiter(),
    quota: new DailyQuota(KEY_TTL_MS),
    attempts: new Map(),
  };

  const server = createServer((req, res) => {
    handle(state, req, res).catch(() => res.destroy());
  });
  server.on("clientError", (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => resolve());
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    accepted: state.accepted,
    requests: state.requests,
    setFault(fault) {
      state.settings.fault = fault;
    },
    configure(settings) {
      state.settings = { ...state.settings, ...settings };
    },
    reset() {
      state.accepted.length = 0;
      state.requests.length = 0;
      state.keys.clear();
      state.rate.clear();
      state.quota.clear();
      state.attempts.clear();
      state.settings = initialSettings();
    },
    close() {
      return new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      });
    },
  };
}

async function handle(state: FakeState, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const key = req.headers["idempotency-key"];
  const request: RecordedRequest = {
    index: state.requests.length,
    method: req.method ?? "",
    path: new URL(req.url ?? "/", "http://fake").pathname.replace(/\/+$/, "") || "/",
    at: state.now(),
    idempotencyKey: Array.isArray(key) ? (key[0] ?? null) : (key ?? null),
    status: null,
    errorName: null,
    fault: "none",
    replayed: false,
    acceptedIds: [],
  };
  state.requests.push(request);
  let rawBytes: Buffer | null;
  try {
    rawBytes = await readBody(req, state.maxBodyBytes);
  } catch {
    return; // The client went away mid-body: there is no one to answer.
  }
  let outcome: Outcome;
  try {
    outcome = await processRequest(state, { method: request.method, headers: req.headers, rawBytes }, request);
  } catch {
    // A bug in the fake or a throwing fault hook is a 500 to the client, never a crashed test run.
    outcome = { kind: "answer", status: 500, body: errors.internal() };
  }
  respond(state, res, request, outcome);
}

/** The body's bytes, or `null` when it is over `maxBytes` (the rest is drained, not kept). */
function readBody(req: IncomingMessage, maxBytes: number): Promise<Buffer | null> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) chunks.push(chunk);
      else chunks.length = 0;
    });
    req.on("end", () => resolve(size > maxBytes ? null : Buffer.concat(chunks, size)));
    req.on("error", reject);
    req.on("close", () => {
      if (!req.complete) reject(new Error("the client went away before sending the whole body"));
    });
  });
}

function respond(state: FakeState, res: ServerResponse, request: RecordedRequest, outcome: Outcome): void {
  if (outcome.kind === "drop") {
    // The client sees a connection closed without an answer: a network error, not a status.
    res.socket?.destroy();
    return;
  }
  request.status = outcome.status;
  const body = outcome.body as { name?: unknown } | null;
  request.errorName = outcome.status >= 400 && typeof body?.name === "string" ? body.name : null;
  const headers = { "content-type": "application/json; charset=utf-8", ...usageHeaders(state), ...outcome.headers };
  res.writeHead(outcome.status, headers).end(JSON.stringify(outcome.body));
}

/** Headers Resend puts on every answer: the rate-limit window (when limited) and quota used. */
function usageHeaders(state: FakeState): Record<string, string> {
  const now = state.now();
  const headers: Record<string, string> = { "x-resend-daily-quota": String(state.quota.used(now)) };
  const limit = state.settings.ratePerSecond;
  if (limit !== undefined) {
    const rate = state.rate.peek(now, limit);
    headers["ratelimit-limit"] = String(rate.limit);
    headers["ratelimit-remaining"] = String(rate.remaining);
    headers["ratelimit-reset"] = String(rate.resetSeconds);
  }
  return headers;
}
