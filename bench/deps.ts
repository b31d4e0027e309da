import { deflateRaw } from "node:zlib";
/** Dependencies for a measured run: real libSQL file, real config, a quiet logger. */
import { openDatabase, type Database } from "../db/client";
import { parseConfig, type Config } from "../src/config";
import type { Deps } from "../src/deps";
import { createLogger } from "../src/log";
import type { Mailer } from "../src/mail/mailer";
import { defaultRetryPolicy } from "../src/mail/send-with-retry";
import { importKeys } from "../src/security/keys";
import { packMessageWithZlib } from "../src/node/pack-message";
import { packMessage, type MessagePacker } from "../src/digest/stored-message";

// Production config refuses a secret under 32 bytes of entropy: a fixed one of that strength (not a real key).
export const BENCH_SECRET = "bench-Qm3xT9vLp2Rw7Yk4Zs8Nc1Hd6Fj0Gb5Ua-Ve_oPiKtEy";

export function benchConfig(dbFile: string, env: Record<string, string> = {}): Config {
  return parseConfig({
    NODE_ENV: "production",
    TOKEN_SECRET: BENCH_SECRET,
    PUBLIC_URL: "https://weekly.example.com",
    DATABASE_URL: `file:${dbFile}`,
    MAIL_FROM: "Backend Weekly <digest@weekly.example.com>",
    // The pacer's ceiling (1000 requests/s = 100,000 emails/s) never binds unless a mode sets a rate.
    SEND_RATE_PER_SEC: "1000",
    ...env,
  });
}

// Experiments only: BENCH_PACK=stream|zlib-async|none packs as the portable core, with zlib on libuv's thread
// pool (the Node packer before 2026-12-07), or not at all.
const PACKERS: Record<string, MessagePacker> = {
  zlib: packMessageWithZlib,
  stream: packMessage,
  "zlib-async": (email) =>
    new Promise((resolve, reject) =>
      deflateRaw(JSON.stringify(email), { level: 1 }, (err, bytes) => (err ? reject(err) : resolve(bytes))),
    ),
  none: async (email) => new TextEncoder().encode(JSON.stringify(email)),
};

export async function benchDeps(
  dbFile: string,
  mailer: Mailer,
  env?: Record<string, string>,
): Promise<
  Pick<Deps, "db" | "mailer" | "config" | "retry" | "log" | "signer" | "suppressionKeys" | "packMessage"> & {
    database: Database;
  }
> {
  const config = benchConfig(dbFile, env);
  const database = await openDatabase(config.databaseUrl);
  return {
    database,
    db: database.db,
    mailer,
    config,
    ...(await importKeys(config)),
    retry: defaultRetryPolicy,
    // As the Node service packs stored messages (src/node/deps-node.ts).
    packMessage: PACKERS[process.env.BENCH_PACK ?? "zlib"],
    log: createLogger(() => {}),
  };
}
