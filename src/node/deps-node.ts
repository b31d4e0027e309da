import { existsSync, mkdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { dirname } from "node:path";
import { getConnInfo } from "@hono/node-server/conninfo";
import { openDatabase, type Database } from "../../db/client";
import { applyMigrations } from "../../db/migrate-node";
import { systemClock, type Clock } from "../clock";
import { parseConfig, type Config } from "../config";
import type { Deps } from "../deps";
import { defaultFetchPolicy } from "../listings/fetch-policy";
import { parseSourcesConfig } from "../listings/sources-config";
import { createLogger, type Logger } from "../log";
import { defaultRetryPolicy } from "../mail/send-with-retry";
import { createOutboxMailer } from "../mail/transports/outbox-node";
import { createNodeResendMailer } from "../mail/transports/resend-node";
import { resolveHost } from "./resolve-host";
import { ensureDevTokenSecret } from "./token-secret";

/** Reads and validates the environment for a Node process (generating the dev token secret). */
export function loadNodeConfig(env: NodeJS.ProcessEnv = process.env): Config {
  return parseConfig(ensureDevTokenSecret(env));
}

/**
 * Builds the Node process's dependencies: opens (and migrates) the database, picks Resend (on its
 * own thread at high send rates, see resend-node.ts) when a key is set and the outbox otherwise.
 */
export async function buildNodeDeps(
  config: Config,
  opts: { clock?: Clock; log?: Logger; migrate?: boolean } = {},
): Promise<Deps & { database: Database }> {
  if (config.databaseUrl.startsWith("file:")) mkdirSync(dirname(config.databaseUrl.slice(5)), { recursive: true });
  const database = await openDatabase(config.databaseUrl, config.databaseAuthToken);
  if (opts.migrate !== false) await applyMigrations(database.db);
  const clock = opts.clock ?? systemClock;
  const outbox = config.resendApiKey ? undefined : createOutboxMailer(config.outboxDir, clock);
  const mailer = config.resendApiKey ? createNodeResendMailer(config.resendApiKey, config.resendBaseUrl, config.sendRatePerSec) : outbox!;
  return {
    database,
    db: database.db,
    mailer,
    clock,
    log: opts.log ?? createLogger(),
    config,
    retry: defaultRetryPolicy,
    sources: async () => (existsSync(config.sourcesFile) ? parseSourcesConfig(await readFile(config.sourcesFile, "utf8"), config.sourcesFile) : []),
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
