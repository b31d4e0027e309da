import type { Context } from "hono";
import type { Db } from "../db/client";
import type { Background } from "./background";
import type { Clock } from "./clock";
import type { Config } from "./config";
import type { FetchPolicy } from "./listings/fetch-source";
import type { SourceConfig } from "./listings/sources-config";
import type { Logger } from "./log";
import type { Mailer } from "./mail/mailer";
import type { RetryPolicy } from "./mail/send-with-retry";
import type { OutboxStore } from "./mail/outbox-store";
import type { MessagePacker } from "./digest/stored-message";
import type { LinkSigner } from "./security/tokens";
import type { SuppressionKeys } from "./subscribers/suppression-keys";

/**
 * Everything a service verb, a job or a route may use, built once per process (or isolate) by an
 * entry and passed down. Nothing here is a module-level singleton, so tests pass their own.
 */
export interface Deps {
  db: Db;
  mailer: Mailer;
  clock: Clock;
  log: Logger;
  config: Config;
  /** Signs and checks link tokens and CSRF tokens with the configured secrets (see security/keys.ts). */
  signer: LinkSigner;
  /** Hashes addresses for the suppression list (see security/keys.ts). */
  suppressionKeys: SuppressionKeys;
  retry: RetryPolicy;
  /** How the weekly run packs each digest's stored message (unset: CompressionStream; Node passes zlib's). */
  packMessage?: MessagePacker;
  /** The configured job sources (SOURCES_FILE on Node), read when a job needs them. */
  sources: () => Promise<SourceConfig[]>;
  /** How sources are fetched: timeouts, retries, User-Agent, and the fetch to use. */
  fetchPolicy: FetchPolicy;
  /** Only where the outbox transport is in use (Node, no RESEND_API_KEY): backs /dev/outbox. */
  outbox?: OutboxStore;
  /** The client address for rate limits; entries know how their runtime exposes it. */
  clientIp?: (c: Context) => string | undefined;
  /** Where requests hand off work to finish after answering (unset: unawaited, or waitUntil on Workers). */
  background?: Background;
}

export type AppEnv = {
  Bindings: Record<string, unknown>;
  Variables: { deps: Deps; requestId: string; csrfToken: string };
};
