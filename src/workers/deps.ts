import type { Background } from "../background";
import { systemClock, type Clock } from "../clock";
import { ConfigError, parseConfig, type Config } from "../config";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { defaultFetchPolicy } from "../listings/fetch-policy";
import { parseSourcesConfig, SourcesConfigError, type SourceConfig } from "../listings/sources-config";
import { createLogger, type Logger } from "../log";
import { createSharedPacer } from "../mail/pacer";
import { defaultRetryPolicy } from "../mail/send-with-retry";
import { createDatabaseOutbox } from "../mail/transports/outbox-db";
import { createResendMailer } from "../mail/transports/resend";
import { importKeys } from "../security/keys";
import { openWorkerDatabase } from "./database";
import type { ExecutionContext, WorkerEnv } from "./env";

/** The string vars and secrets of the environment: what parseConfig reads (DESIGN.md §7). */
export function workerConfig(env: WorkerEnv): Config {
  const strings = Object.fromEntries(
    Object.entries(env).filter((e): e is [string, string] => typeof e[1] === "string"),
  );
  const config = parseConfig(strings);
  // The outbox is a development aid: in production a Worker without a Resend key must not start.
  if (config.isProduction && !config.resendApiKey) {
    throw new ConfigError(
      "Invalid configuration:\n  RESEND_API_KEY: required in production (wrangler secret put RESEND_API_KEY)",
    );
  }
  return config;
}

/**
 * A Worker invocation's dependencies, built from its bindings for each fetch, tick or queue batch
 * (cheap: a config parse and a Drizzle wrapper; nothing lives in module scope between them).
 * Mail goes through Resend when RESEND_API_KEY is set, paced by the send-rate row every consumer
 * shares; otherwise into the database outbox. Work handed off after an answer runs in waitUntil.
 */
export async function buildWorkerDeps(
  env: WorkerEnv,
  ctx: ExecutionContext,
  opts: { clock?: Clock; log?: Logger } = {},
): Promise<Deps> {
  const config = workerConfig(env);
  const keys = await importKeys(config); // Web Crypto keys, imported once per invocation
  const db = openWorkerDatabase(env);
  const clock = opts.clock ?? systemClock;
  const log = opts.log ?? createLogger();
  const outbox = config.resendApiKey ? undefined : createDatabaseOutbox(db, clock);
  const mailer = config.resendApiKey
    ? createResendMailer(config.resendApiKey, config.resendBaseUrl, createSharedPacer(db, config.sendRatePerSec))
    : outbox!;
  return {
    db,
    ...keys,
    mailer,
    clock,
    log,
    config,
    retry: defaultRetryPolicy,
    sources: async () => readSources(env),
    fetchPolicy: defaultFetchPolicy(config),
    outbox,
    clientIp: (c) => c.req.header("cf-connecting-ip") ?? undefined,
    background: waitUntilBackground(ctx, log),
  };
}

/** Deps.background on Workers: the task runs on after the answer, kept alive by waitUntil. */
function waitUntilBackground(ctx: ExecutionContext, log: Logger): Background {
  return {
    run(name, task) {
      ctx.waitUntil(
        task().catch((err: unknown) => {
          // By name only: the error may carry an address.
          log.error("background.failed", { task: name, error: err instanceof Error ? err.name : "unknown" });
        }),
      );
    },
  };
}

/** The sources (sources.json's format) from the SOURCES_JSON var; none when unset. */
function readSources(env: WorkerEnv): SourceConfig[] {
  const text = env.SOURCES_JSON;
  if (text === undefined || text === "") return [];
  try {
    return parseSourcesConfig(typeof text === "string" ? text : JSON.stringify(text), "SOURCES_JSON");
  } catch (err) {
    if (err instanceof SourcesConfigError) throw new AppError("SERVICE_UNAVAILABLE", `SOURCES_JSON: ${err.message}`);
    throw err;
  }
}
