import { createClient } from "@libsql/client/web";
import { drizzle as drizzleD1 } from "drizzle-orm/d1";
import { drizzle as drizzleLibsql } from "drizzle-orm/libsql";
import type { Db } from "../../db/client";
import * as schema from "../../db/schema";
import { ConfigError } from "../config";
import type { D1Binding, WorkerEnv } from "./env";

/**
 * The Worker's database, chosen by configuration: Turso when DATABASE_URL is set (over HTTP with
 * @libsql/client/web, DATABASE_AUTH_TOKEN as its token), else the D1 binding "DB". Both are the
 * same Drizzle schema on SQLite; the weekly run's statements stay within D1's limits (100 bound
 * parameters, 100 KB a statement), so one code path serves both. A file: URL has no meaning here.
 */
export function openWorkerDatabase(env: WorkerEnv): Db {
  const url = typeof env.DATABASE_URL === "string" && env.DATABASE_URL ? env.DATABASE_URL : undefined;
  if (url) {
    if (url.startsWith("file:"))
      throw new ConfigError(
        "Invalid configuration:\n  DATABASE_URL: a Worker has no files; use libsql://… (Turso) or unset it for D1",
      );
    const authToken = typeof env.DATABASE_AUTH_TOKEN === "string" ? env.DATABASE_AUTH_TOKEN : undefined;
    return drizzleLibsql(createClient(authToken ? { url, authToken } : { url }), { schema });
  }
  if (!env.DB)
    throw new ConfigError(
      "Invalid configuration:\n  DB: bind a D1 database (wrangler.toml [[d1_databases]]) or set DATABASE_URL for Turso",
    );
  return openD1(env.DB);
}

interface BatchQuery {
  _prepare(): {
    getQuery(): { sql: string; params: unknown[] };
    mapResult(result: unknown, isFromBatch: boolean): unknown;
  };
}
interface D1Statement {
  bind(...params: unknown[]): D1Statement;
}

/**
 * Drizzle over a D1 binding. The D1 driver has the libSQL one's query surface (both
 * BaseSQLiteDatabase<"async">; only raw result types differ). One repair: drizzle-orm 0.45.4's D1
 * batch reads `.stmt` from each query, which a raw statement (`db.run(sql…)`, as db/bulk.ts's
 * json_each inserts are) does not have, so any such batch threw "Cannot read properties of
 * undefined (reading 'bind')". This batch prepares every statement from its SQL and parameters,
 * which is what the driver does for the statements it handles. Per instance, no global patch.
 */
export function openD1(binding: D1Binding): Db {
  const db = drizzleD1(binding, { schema });
  const session = (db as unknown as { session: { batch(queries: BatchQuery[]): Promise<unknown[]> } }).session;
  const client = binding as { prepare(sql: string): D1Statement; batch(statements: D1Statement[]): Promise<unknown[]> };
  session.batch = async (queries) => {
    const prepared = queries.map((q) => q._prepare());
    const statements = prepared.map((p) => {
      const { sql, params } = p.getQuery();
      return client.prepare(sql).bind(...params);
    });
    const results = await client.batch(statements);
    return results.map((result, i) => prepared[i]!.mapResult(result, true));
  };
  return db as unknown as Db;
}
