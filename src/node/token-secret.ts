import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";

/**
 * Development convenience (DESIGN.md §7): without TOKEN_SECRET, generate one once and keep it in
 * the data folder, so links in already-sent emails keep working across restarts. Never in
 * production, where a missing secret is an error. The file is created exclusively (flag "wx") so
 * the CLI and the server starting together agree on one secret.
 */
export function ensureDevTokenSecret(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  if (env.TOKEN_SECRET || env.NODE_ENV === "production") return env;
  const file = join(dataDir(env), "token-secret");
  try {
    return { ...env, TOKEN_SECRET: readFileSync(file, "utf8").trim() };
  } catch {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    try {
      writeFileSync(file, randomBytes(32).toString("base64url"), { flag: "wx", mode: 0o600 });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
    }
    return { ...env, TOKEN_SECRET: readFileSync(file, "utf8").trim() };
  }
}

/** The folder of the embedded database file, or ./data for a remote database. */
function dataDir(env: NodeJS.ProcessEnv): string {
  const url = env.DATABASE_URL || "file:data/backend-weekly.db";
  return url.startsWith("file:") ? dirname(url.slice("file:".length)) : "data";
}
