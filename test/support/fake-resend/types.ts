/** Public types of the fake Resend server (see ../fake-resend.ts for the entry point). */

/** What the fault hook asks the server to do with one request. */
export type FaultKind = "none" | "429" | "500" | "drop" | "accept-then-drop";

/** What the fault hook is told about a request before the server processes it. */
export interface FaultRequest {
  /** `/emails` or `/emails/batch`. */
  path: string;
  /** The parsed JSON body, or `undefined` when it is not JSON. */
  body: unknown;
  /** The body exactly as received. */
  rawBody: string;
  /**
   * 1 for the first request seen with this idempotency key (or, without a key, this exact
   * path and body), 2 for the next one, and so on. Lets a hook fail only the first try.
   */
  attempt: number;
  idempotencyKey: string | null;
  /** Index of this request in `fake.requests`. */
  requestIndex: number;
}

export type FaultHook = (req: FaultRequest) => FaultKind;

export interface FakeResendOptions {
  /** The server's clock in epoch milliseconds (rate-limit windows, quota window, key expiry). */
  now?: () => number;
  /** Requests per second across all keys; `undefined` means unlimited (the default). */
  ratePerSecond?: number;
  /** Recipients (to + cc + bcc) accepted per rolling 24 hours; `undefined` means unlimited. */
  dailyQuota?: number;
  /** Consulted for every authenticated request to a known endpoint. */
  fault?: FaultHook | null;
  /** Milliseconds a send stays "in flight" before it is processed (to provoke concurrent keys). */
  latencyMs?: number;
  /** Accepted API keys; by default any key that starts with `re_`. */
  apiKeys?: readonly string[];
  /** Request bodies above this many bytes get a 413 (default 40 MiB, Resend's per-email cap). */
  maxBodyBytes?: number;
  /**
   * Where accepted emails go instead of `accepted`, as each is accepted: a long benchmark counts
   * them and keeps no bodies (held even for a moment, ~8 MB per batch of digests outlives the
   * young generation and has to be collected in full).
   */
  onAccepted?: (email: AcceptedEmail) => void;
}

export interface EmailTag {
  name: string;
  value: string;
}

/** One email the fake accepted (what the real Resend would have queued for delivery). */
export interface AcceptedEmail {
  id: string;
  endpoint: "/emails" | "/emails/batch";
  /** Index of the accepting request in `fake.requests`. */
  requestIndex: number;
  /** Position in the batch request body, or `null` for `POST /emails`. */
  batchIndex: number | null;
  idempotencyKey: string | null;
  /** Server clock at acceptance. */
  acceptedAt: number;
  from: string;
  /** Always an array here, even when the request sent a single string. */
  to: string[];
  cc: string[];
  bcc: string[];
  replyTo: string[];
  subject: string;
  html: string | undefined;
  text: string | undefined;
  headers: Record<string, string>;
  tags: EmailTag[];
  scheduledAt: string | undefined;
  attachments: unknown[];
  /** The email object exactly as it arrived (snake_case keys). */
  raw: Record<string, unknown>;
}

/** One HTTP request the fake received, whatever became of it. */
export interface RecordedRequest {
  index: number;
  method: string;
  path: string;
  /** Server clock when the request arrived. */
  at: number;
  idempotencyKey: string | null;
  /** Status answered; `null` when the socket was destroyed instead of answering. */
  status: number | null;
  /** Resend error name when the answer was an error. */
  errorName: string | null;
  fault: FaultKind;
  /** True when the answer was a stored idempotent response replayed. */
  replayed: boolean;
  /** Ids accepted by this request (empty for errors and replays). */
  acceptedIds: string[];
}

/** Limits that can be changed on a running fake. */
export type FakeResendSettings = Pick<FakeResendOptions, "ratePerSecond" | "dailyQuota" | "latencyMs" | "fault">;

export interface FakeResend {
  /** Base URL without trailing slash, e.g. `http://127.0.0.1:PORT`: pass as `baseUrl` or `RESEND_BASE_URL`. */
  readonly url: string;
  /** Every accepted email, in acceptance order (none when the fake was started with `onAccepted`). */
  readonly accepted: readonly AcceptedEmail[];
  /** Every request received, in arrival order. */
  readonly requests: readonly RecordedRequest[];
  /** Replace (or with `null` remove) the fault hook. */
  setFault(fault: FaultHook | null): void;
  /** Change limits or latency on the running server. */
  configure(settings: FakeResendSettings): void;
  /**
   * Forget everything recorded (accepted, requests, idempotency keys, rate and quota counters,
   * attempt counts) and restore the settings given at start. A hook given at start keeps its
   * own state (randomFaults' position in its sequence): set a fresh one to replay a sequence.
   */
  reset(): void;
  close(): Promise<void>;
}
