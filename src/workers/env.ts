/**
 * The Worker's bindings (wrangler.toml) and the few platform shapes this code touches, declared
 * structurally so the core type-checks without @cloudflare/workers-types' globals (which clash
 * with Node's and the DOM's).
 */
export interface WorkerEnv {
  /** D1, the default database (binding "DB"); unused when DATABASE_URL names a Turso database. */
  DB?: D1Binding;
  DIGEST_QUEUE: QueueBinding<DigestSliceMessage>;
  INGEST_QUEUE: QueueBinding<IngestSourceMessage>;
  /** Vars and secrets (DESIGN.md §7): TOKEN_SECRET, RESEND_API_KEY, PUBLIC_URL, SOURCES_JSON… */
  [name: string]: unknown;
}

/** One slice of the weekly run: confirmed subscribers with fromId ≤ id ≤ toId, all ticked at `now`. */
export interface DigestSliceMessage {
  kind: "digest";
  fromId: string;
  toId: string;
  /** The tick's instant (ISO): every slice of one tick, and every redelivery, plans the same week. */
  now: string;
}

/** One configured source to ingest, by name. */
export interface IngestSourceMessage {
  kind: "ingest";
  source: string;
  now: string;
}

export type QueueMessageBody = DigestSliceMessage | IngestSourceMessage;

// D1's own types come from the platform; drizzle takes it whole.
export type D1Binding = any;

export interface QueueBinding<Body> {
  send(body: Body): Promise<unknown>;
  sendBatch(messages: Iterable<{ body: Body }>): Promise<unknown>;
}

export interface QueueMessage<Body> {
  readonly id: string;
  readonly attempts: number;
  readonly body: Body;
  ack(): void;
  retry(options?: { delaySeconds?: number }): void;
}

export interface MessageBatch<Body> {
  readonly queue: string;
  readonly messages: readonly QueueMessage<Body>[];
}

export interface ExecutionContext {
  waitUntil(promise: Promise<unknown>): void;
  passThroughOnException(): void;
  props: unknown;
}

export interface ScheduledController {
  readonly cron: string;
  readonly scheduledTime: number;
}
