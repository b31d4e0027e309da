import { randomBytes } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { makeDirs } from "./make-dirs";
import { refuseStart } from "./startup-checks";

/** A development secret generated for this start, not yet on disk. */
export interface UnsavedTokenSecret {
  file: string;
  secret: string;
}

/**
 * Development convenience (DESIGN.md §7): without TOKEN_SECRET, use the one kept in the data folder
 * so links in already-sent emails keep working across restarts, or generate one. Never in
 * production, where a missing secret is an error. This only reads: a new secret comes back as
 * `unsaved`, and saveDevTokenSecret writes it once every start-up check passed and the database
 * opened, so a refused start-up leaves no file behind (e.g. `DATABASE_URL=file:/etc/passwd`
 * wrote /etc/token-secret).
 */
export function devTokenSecret(env: NodeJS.ProcessEnv): { env: NodeJS.ProcessEnv; unsaved?: UnsavedTokenSecret } {
  // Blank counts as unset, as parseConfig reads it.
  if (env.TOKEN_SECRET?.trim() || env.NODE_ENV === "production") return { env };
  const file = join(dataDir(env), "token-secret");
  const stored = readStoredSecret(file);
  if (stored !== null) return { env: { ...env, TOKEN_SECRET: stored } };
  const secret = randomBytes(32).toString("base64url");
  return { env: { ...env, TOKEN_SECRET: secret }, unsaved: { file, secret } };
}

/**
 * Writes a generated secret (0600, in a folder created 0700) and returns the secret now on file.
 * The file is created exclusively (flag "wx"): when the CLI and the server start together, the
 * first to write wins and the other adopts its secret, so both sign links alike.
 */
export function saveDevTokenSecret({ file, secret }: UnsavedTokenSecret): string {
  try {
    makeDirs(dirname(file), 0o700);
    writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code !== "EEXIST") throw refuseStart("TOKEN_SECRET", `unset, and ${file} cannot be written (${code}): set it`);
  }
  return readStoredSecret(file) ?? secret;
}

function readStoredSecret(file: string): string | null {
  try {
    return readFileSync(file, "utf8").trim();
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return null; // no secret yet (DATABASE_URL is checked later)
    throw refuseStart("TOKEN_SECRET", `unset, and ${file} cannot be read (${code}): set it, or fix the file`);
  }
}

/** The folder of the embedded database file, or ./data for a remote database. */
function dataDir(env: NodeJS.ProcessEnv): string {
  const url = env.DATABASE_URL?.trim() ? env.DATABASE_URL : "file:data/backend-weekly.db";
  return url.startsWith("file:") ? dirname(url.slice("file:".length)) : "data";
}
