import { accessSync, closeSync, constants, existsSync, openSync } from "node:fs";
import { dirname } from "node:path";
import { openDatabase, type Database } from "../../db/client";
import { limitedClient } from "../../db/statement-limits";
import { makeDirs } from "./make-dirs";
import { FileTooLargeError, readFileWithin, readFileWithinSync } from "./read-within";
import { applyMigrations } from "./migrate";
import { ConfigError, type Config } from "../config";
import { parseSourcesConfig, SourcesConfigError } from "../listings/sources-config";
import { rekeyLegacySuppressions, SuppressionKeyMissingError } from "../subscribers/suppression";
import type { SuppressionKeys } from "../subscribers/suppression-keys";

/**
 * Fail fast and say why (issue 17.7): each check runs before the process serves or sends, and
 * turns a problem an operator can fix into a ConfigError naming the variable (no stack trace).
 */

/** A sources file lists a few hundred bytes per source: past this it is the wrong file (or `/dev/zero`). */
const MAX_SOURCES_FILE_BYTES = 5 * 1024 * 1024;

/** SOURCES_FILE's text, read within MAX_SOURCES_FILE_BYTES (for each job, after start-up checked it). */
export async function readSourcesFile(file: string): Promise<string> {
  return (await readFileWithin(file, MAX_SOURCES_FILE_BYTES)).toString("utf8");
}

/**
 * Reads and validates SOURCES_FILE once at start-up. The default file may be absent (no
 * sources); an explicit one must exist, or a typo in its path would mean "zero sources, ok".
 */
export function checkSourcesFile(config: Pick<Config, "sourcesFile" | "sourcesFileSet">): void {
  const file = config.sourcesFile;
  if (!existsSync(file)) {
    if (config.sourcesFileSet) fail("SOURCES_FILE", `${file} does not exist`);
    return;
  }
  try {
    parseSourcesConfig(readFileWithinSync(file, MAX_SOURCES_FILE_BYTES).toString("utf8"), file);
  } catch (err) {
    if (err instanceof SourcesConfigError) fail("SOURCES_FILE", err.message);
    if (err instanceof FileTooLargeError) fail("SOURCES_FILE", err.message);
    fail("SOURCES_FILE", `${file} cannot be read (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/** Creates OUTBOX_DIR (0700: messages hold addresses and signed links) and checks it is writable. */
export function checkOutboxDir(dir: string): void {
  try {
    makeDirs(dir, 0o700);
    accessSync(dir, constants.W_OK);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
    fail("OUTBOX_DIR", `${dir} cannot be created or written (${reason})`);
  }
}

/**
 * Opens the database, checks a file database with `PRAGMA quick_check` (a corrupt file would
 * otherwise answer /healthz until every digest failed) and applies the migrations. Any failure
 * names DATABASE_URL. A new database file is created 0600 in a 0700 folder: it holds addresses.
 */
export async function openCheckedDatabase(
  config: Pick<Config, "databaseUrl" | "databaseAuthToken" | "databaseStatementLimits">,
  migrate: boolean,
  suppressionKeys: SuppressionKeys,
): Promise<Database> {
  const database = await openDatabaseChecked(config);
  if (migrate) await migrateChecked(database, config, suppressionKeys);
  return database;
}

/** The first half of openCheckedDatabase: open and check, no migrations (they need the keys). */
export async function openDatabaseChecked(
  config: Pick<Config, "databaseUrl" | "databaseAuthToken" | "databaseStatementLimits">,
): Promise<Database> {
  const path = filePath(config.databaseUrl);
  if (path !== null && path !== ":memory:") {
    createPrivateFile(path);
    assertWritable(path);
  }
  let database: Database | undefined;
  try {
    database = await openDatabase(config.databaseUrl, config.databaseAuthToken, {
      wrap: config.databaseStatementLimits === "d1" ? limitedClient : undefined,
    });
    if (path !== null) await quickCheck(database);
    return database;
  } catch (err) {
    database?.client.close();
    throw databaseRefusal(err, path);
  }
}

/** The second half: migrations and the suppression re-keying; closes the database if they fail. */
export async function migrateChecked(
  database: Database,
  config: Pick<Config, "databaseUrl">,
  suppressionKeys: SuppressionKeys,
): Promise<void> {
  try {
    await applyMigrations(database.db);
    await rekeyLegacySuppressions(database.db, suppressionKeys); // data migration: keyed suppression hashes
  } catch (err) {
    database.client.close();
    throw databaseRefusal(err, filePath(config.databaseUrl));
  }
}

function databaseRefusal(err: unknown, path: string | null): Error {
  if (err instanceof ConfigError) return err;
  if (err instanceof SuppressionKeyMissingError) return refuseStart("SUPPRESSION_SECRET", err.message);
  const where = path !== null ? `the file ${path}` : "the database";
  return refuseStart("DATABASE_URL", `cannot open ${where}: ${describeDbError(err)}`);
}

async function quickCheck(database: Database): Promise<void> {
  const result = await database.client.execute("PRAGMA quick_check");
  const problems = result.rows.map((r) => String(r[0])).filter((line) => line !== "ok");
  if (problems.length) {
    fail("DATABASE_URL", `the database file is corrupt (PRAGMA quick_check: ${problems.slice(0, 3).join("; ")})`);
  }
}

/** The path of a `file:` URL (query string dropped), or null for a remote database. */
function filePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  return url
    .slice("file:".length)
    .replace(/^\/\/(?=\/)/, "")
    .split("?")[0]!;
}

function createPrivateFile(path: string): void {
  try {
    makeDirs(dirname(path) || ".", 0o700);
    if (!existsSync(path)) closeSync(openSync(path, "wx", 0o600));
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === "EEXIST") return;
    fail("DATABASE_URL", `cannot create ${path} (${(err as NodeJS.ErrnoException).code ?? (err as Error).message})`);
  }
}

/**
 * A database file this process cannot write (a read-only mount, another user's file) still opens
 * and answers reads: the server started and answered 500 to every sign-up. SQLite also writes its
 * -wal and -shm files beside the database, so the folder must be writable too.
 */
function assertWritable(path: string): void {
  for (const [what, target] of [
    [`the file ${path}`, path],
    [`its folder ${dirname(path) || "."}`, dirname(path) || "."],
  ] as const) {
    try {
      accessSync(target, constants.W_OK);
    } catch (err) {
      const reason = (err as NodeJS.ErrnoException).code ?? (err as Error).message;
      fail("DATABASE_URL", `${what} cannot be written (${reason}): every sign-up and run would fail`);
    }
  }
}

/** SQLite's code and message only: the raw error carries a stack and native details. */
function describeDbError(err: unknown): string {
  const e = err as { code?: string; message?: string; cause?: { code?: string; message?: string } };
  const code = e.code ?? e.cause?.code;
  // A driver's message may quote the URL it failed on: never its credentials or token.
  const message = (e.cause?.message ?? e.message ?? String(err))
    .split("\n")[0]!
    .replace(/(\/\/)[^/@\s]*@/g, "$1***@")
    .replace(/(authToken=)[^&\s]*/gi, "$1***");
  const damaged = /NOTADB|CORRUPT/.test(`${code} ${message}`);
  const hint = damaged ? " (not a libSQL/SQLite database, or damaged: restore a backup)" : "";
  return `${code && !message.includes(code) ? `${code}: ` : ""}${message}${hint}`;
}

/** The refusal `npm start` and the CLI print: the variable to change and why, no stack trace. */
export function refuseStart(name: string, reason: string): ConfigError {
  return new ConfigError(`Cannot start:\n  ${name}: ${reason}`);
}

function fail(name: string, reason: string): never {
  throw refuseStart(name, reason);
}
