import { createClient } from "@libsql/client/web";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { ConfigError } from "../config";
import type { WorkerEnv } from "./env";

/**
 * The Worker's database, chosen by configuration: Turso when DATABASE_URL is set (over HTTP with
 * @libsql/client/web, DATABASE_AUTH_TOKEN as its token), else the D1 binding "DB". Both are the
 * same Drizzle schema on SQLite; the weekly run's statements stay within D1's limits (100 bound
 * parameters, 100 KB a statement), so one code path serves both. A file: URL has no meaning here.
 */
export function openWorkerDatabase(env: WorkerEnv): Db {
  const url = typeof env.DATABASE_URL === "string" && env.DATABASE_URL ? env.DATABASE_URL : undefined;
  if (url) {
    if (url.startsWith("file:")) throw new ConfigError("Invalid configuration:\n  DATABASE_URL: a Worker has no files; use libsql://… (Turso) or unset it for D1");
    const authToken = typeof env.DATABASE_AUTH_TOKEN === "string" ? env.DATABASE_AUTH_TOKEN : undefined;
    return drizzleLibsql(createClient(authToken ? { url, authToken } : { url }), { schema });
  }
  if (!env.DB) throw new ConfigError("Invalid configuration:\n  DB: bind a D1 database (wrangler.toml [[d1_databases]]) or set DATABASE_URL for Turso");
  // The D1 driver has the libSQL one's query surface (both BaseSQLiteDatabase<"async">); only raw result types differ.
  return drizzleD1(env.DB, { schema }) as unknown as Db;
}
