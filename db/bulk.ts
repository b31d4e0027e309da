import type { InValue } from "@libsql/client";
import { getTableColumns, sql, type InferInsertModel, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/** Runs Drizzle statements in one write transaction (`db.batch`: all or nothing, on libSQL, Turso and D1). */
export async function runBatch(db: Db, statements: BatchItem<"sqlite">[]): Promise<void> {
  if (statements.length === 0) return;
  await db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
}

/** jsonRowsInsert as a statement for runBatch. */
export function insertRows<T extends SQLiteTable>(db: Db, table: T, rows: InferInsertModel<T>[]): BatchItem<"sqlite"> {
  return db.run(jsonRowsInsert(table, rows));
}

/**
 * Encodes one row's values for `columns` (Drizzle keys) exactly as Drizzle would store them, for
 * statements written by hand (UPDATE … FROM (VALUES …)).
 */
export function encodeValues<T extends SQLiteTable>(
  table: T,
  keys: string[],
  row: Partial<InferInsertModel<T>>,
): InValue[] {
  const columns = getTableColumns(table);
  return keys.map((k) => {
    const v = (row as Record<string, unknown>)[k];
    return (v === null || v === undefined ? null : columns[k]!.mapToDriverValue(v)) as InValue;
  });
}

/**
 * Many rows as ONE statement that binds ONE parameter: `INSERT INTO t (…) SELECT … FROM
 * json_each(?)`, the rows passed as a JSON array of arrays, encoded as Drizzle stores them. D1
 * allows 100 bound parameters a statement (a 27-column row fits three times), and building one
 * Drizzle statement per row cost ~1 ms a listing; this goes into `db.batch()` like any query on
 * libSQL, Turso and D1. `tail` follows the SELECT (e.g. an ON CONFLICT clause). Every row must
 * have the same keys.
 */
export function jsonRowsInsert<T extends SQLiteTable>(table: T, rows: InferInsertModel<T>[], tail: SQL = sql``): SQL {
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((k) => k in columns);
  const data = rows.map((row) => encodeValues(table, keys, row));
  const names = keys.map((k) => `"${columns[k]!.name}"`).join(", ");
  const extracts = keys.map((_, i) => `json_extract(value, '$[${i}]')`).join(", ");
  // `WHERE true`: without it SQLite would read ON CONFLICT as part of the SELECT's join.
  return sql`INSERT INTO ${table} (${sql.raw(names)}) SELECT ${sql.raw(extracts)} FROM json_each(${JSON.stringify(data)}) WHERE true ${tail}`;
}
