import { sql, type SQL, type SQLWrapper } from "drizzle-orm";

/**
 * `column IN (the values)` with ONE bound parameter, a JSON array read by `json_each`: a list of
 * any length stays within D1's 100 parameters a statement (Drizzle's `inArray` binds one per value).
 */
export function inJsonList(column: SQLWrapper, values: readonly (string | number)[]): SQL {
  return sql`${column} IN (SELECT value FROM json_each(${JSON.stringify(values)}))`;
}
