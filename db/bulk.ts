import type { InStatement, InValue } from "@libsql/client";
import { getTableColumns, getTableName, sql, type InferInsertModel, type SQL } from "drizzle-orm";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

/**
 * One multi-row INSERT as a plain libSQL statement, with column names and value encodings
 * (JSON, timestamps, booleans) taken from the Drizzle schema. Drizzle's own builder spends ~5x
 * longer assembling a 500-row insert than SQLite spends running it; imports write 100,000 rows.
 * Every row must have the same keys.
 */
export function multiRowInsert<T extends SQLiteTable>(table: T, rows: InferInsertModel<T>[]): { sql: string; args: InValue[] } {
  const { names, values, args } = encodeRows(table, rows);
  return { sql: `INSERT INTO "${getTableName(table)}" (${names.map((n) => `"${n}"`).join(",")}) ${values}`, args };
}

/**
 * Rows as a `VALUES (…), (…)` clause with their arguments, encoded as Drizzle stores them, and the
 * column names in order (`v.column1` is names[0] when the clause is aliased `v`). `extra` adds
 * that many trailing placeholders per row, filled by `extraArgs(row)`: values a statement needs
 * beside the row (an INSERT … SELECT filtering on them, say).
 */
export function encodeRows<T extends SQLiteTable>(
  table: T,
  rows: InferInsertModel<T>[],
  extraArgs?: (row: InferInsertModel<T>, index: number) => InValue[],
): { names: string[]; values: string; args: InValue[] } {
  const columns = getTableColumns(table);
  const keys = Object.keys(rows[0]!).filter((k) => k in columns);
  const args: InValue[] = [];
  let extra = 0;
  rows.forEach((row, index) => {
    for (const k of keys) {
      const v = (row as Record<string, unknown>)[k];
      args.push((v === null || v === undefined ? null : columns[k]!.mapToDriverValue(v)) as InValue);
    }
    const more = extraArgs?.(row, index) ?? [];
    extra = more.length;
    args.push(...more);
  });
  const placeholders = `(${[...keys.map(() => "?"), ...Array.from({ length: extra }, () => "?")].join(",")})`;
  return { names: keys.map((k) => columns[k]!.name), values: `VALUES ${rows.map(() => placeholders).join(",")}`, args };
}

/** Runs statements in one write transaction (libSQL's batch: all or nothing). */
export async function runBatch(db: Db, statements: InStatement[]): Promise<void> {
  await db.$client.batch(statements, "write");
}

/**
 * Encodes one row's values for `columns` (Drizzle keys) exactly as Drizzle would store them, for
 * statements written by hand (UPDATE … FROM (VALUES …)).
 */
export function encodeValues<T extends SQLiteTable>(table: T, keys: string[], row: Partial<InferInsertModel<T>>): InValue[] {
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
