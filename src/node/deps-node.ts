import { existsSync } from "node:fs";
import { getConnInfo } from "@hono/node-server/conninfo";
import type { Database } from "../../db/client";
import { trackedBackground, type TrackedBackground } from "../background";
import { systemClock, type Clock } from "../clock";
import { parseConfig, type Config } from "../config";
import type { Deps } from "../deps";
import { defaultFetchPolicy } from "../listings/fetch-policy";
import { parseSourcesConfig, SourcesConfigError, type SourceConfig } from "../listings/sources-config";
import { AppError } from "../errors";
import { createLogger, type Logger } from "../log";
import { createSharedPacer } from "../mail/pacer";
import { defaultRetryPolicy } from "../mail/send-with-retry";
import { createOutboxMailer } from "./outbox-mailer";
import { packMessageWithZlib } from "./pack-message";
import { createResendMailer } from "../mail/transports/resend";
import { importKeys } from "../security/keys";
import { FileTooLargeError } from "./read-within";
import {
  checkOutboxDir,
  checkSourcesFile,
  migrateChecked,
  openDatabaseChecked,
  readSourcesFile,
} from "./startup-checks";
import { resolveHost } from "./resolve-host";
import { devTokenSecret, saveDevTokenSecret, type UnsavedTokenSecret } from "./token-secret";

/** The config of a Node process, with a development secret generated for this start if any. */
export type NodeConfig = Config & { unsavedTokenSecret?: UnsavedTokenSecret };

/** Reads and validates the environment for a Node process. Writes nothing (see buildNodeDeps). */
export function loadNodeConfig(env: NodeJS.ProcessEnv = process.env): NodeConfig {
  const { env: withSecret, unsaved } = devTokenSecret(env);
  return { ...parseConfig(withSecret), unsavedTokenSecret: unsaved };
}

/**
 * Builds the Node process's dependencies: opens (and migrates) the database, picks Resend (paced
 * by the database's shared pacer) when a key is set and the outbox otherwise.
 */
export async function buildNodeDeps(
  nodeConfig: NodeConfig,
  opts: { clock?: Clock; log?: Logger; migrate?: boolean } = {},
): Promise<Deps & { database: Database; background: TrackedBackground }> {
  // Fail fast, naming the variable (issue 17.7): sources, outbox, then the database.
  checkSourcesFile(nodeConfig);
  if (!nodeConfig.resendApiKey) checkOutboxDir(nodeConfig.outboxDir);
  const database = await openDatabaseChecked(nodeConfig);
  // Only now, with every check passed and the database open, may a generated secret be written.
  const config = withSavedTokenSecret(nodeConfig);
  const keys = await importKeys(config);
  if (opts.migrate !== false) await migrateChecked(database, config, keys.suppressionKeys);
  const clock = opts.clock ?? systemClock;
  const outbox = config.resendApiKey ? undefined : createOutboxMailer(config.outboxDir, clock);
  // One send rate for the account: every process on this database reserves its requests in one bucket row.
  const pacer = createSharedPacer(database.db, config.sendRatePerSec);
  const mailer = config.resendApiKey ? createResendMailer(config.resendApiKey, config.resendBaseUrl, pacer) : outbox!;
  // Straight to stdout: console.log formats its arguments first, a measurable cost per request (bench:http).
  const log = opts.log ?? createLogger((line) => process.stdout.write(`${line}\n`));
  return {
    database,
    db: database.db,
    mailer,
    clock,
    log,
    // Mail a request hands off after answering; shutdown waits for it (idle) before closing the database.
    background: trackedBackground(log),
    config,
    ...keys,
    retry: defaultRetryPolicy,
    packMessage: packMessageWithZlib,
    sources: () => readSources(config),
    fetchPolicy: defaultFetchPolicy(config, { resolveHost }),
    outbox,
    clientIp: (c) => {
      try {
        return getConnInfo(c).remote.address;
      } catch {
        return undefined; // app.request() in tests has no socket
      }
    },
  };
}

/** The config with a generated development secret saved, or the secret a concurrent start saved first. */
function withSavedTokenSecret({ unsavedTokenSecret, ...config }: NodeConfig): Config {
  if (!unsavedTokenSecret) return config;
  const [, ...previous] = config.tokenSecrets;
  return { ...config, tokenSecrets: [saveDevTokenSecret(unsavedTokenSecret), ...previous] };
}

/**
 * SOURCES_FILE, read afresh for each job so an edit needs no restart. Start-up checked it; if it
 * was broken since, say so (503 naming the variable at the admin API) instead of a bare 500.
 */
async function readSources(config: Config): Promise<SourceConfig[]> {
  if (!existsSync(config.sourcesFile)) return [];
  try {
    return parseSourcesConfig(await readSourcesFile(config.sourcesFile), config.sourcesFile);
  } catch (err) {
    if (err instanceof SourcesConfigError || err instanceof FileTooLargeError)
      throw new AppError("SERVICE_UNAVAILABLE", `SOURCES_FILE: ${err.message}`);
    throw err;
  }
}
