import type { Client, InStatement } from "@libsql/client";

/**
 * What Cloudflare D1 refuses, enforced on the Node client: the test suite runs under it, and an
 * operator can set DATABASE_STATEMENT_LIMITS=d1 to learn that a Node install would run on D1
 * (README "Portable database code").
 */
export const STATEMENT_LIMITS = { maxParameters: 100, maxSqlBytes: 100_000 } as const;

export class StatementLimitError extends Error {
  override name = "StatementLimitError";
}

const encoder = new TextEncoder();

/** Throws when one statement binds more than 100 parameters or its SQL text is over 100 KB. */
export function checkStatement(stmt: InStatement): void {
  const text = typeof stmt === "string" ? stmt : stmt.sql;
  const args = typeof stmt === "string" ? [] : (stmt.args ?? []);
  const count = Array.isArray(args) ? args.length : Object.keys(args).length;
  if (count > STATEMENT_LIMITS.maxParameters) {
    throw new StatementLimitError(
      `statement binds ${count} parameters (limit ${STATEMENT_LIMITS.maxParameters}): ${text.slice(0, 120)}`,
    );
  }
  const bytes = encoder.encode(text).length;
  if (bytes > STATEMENT_LIMITS.maxSqlBytes)
    throw new StatementLimitError(
      `statement is ${bytes} bytes (limit ${STATEMENT_LIMITS.maxSqlBytes}): ${text.slice(0, 120)}`,
    );
}

/**
 * The libSQL client with D1's statement limits enforced: every statement through `execute`,
 * `batch` and `migrate` is checked first. Interactive transactions (which D1 has not) are refused too.
 */
export function limitedClient(client: Client): Client {
  return new Proxy(client, {
    get(target, prop, receiver) {
      if (prop === "execute") {
        // Asynchronous like the client's own methods: a refused statement is a rejected promise.
        return async (stmt: InStatement, args?: unknown) => {
          checkStatement(args === undefined ? stmt : { sql: stmt as string, args: args as never });
          return (target.execute as (...a: unknown[]) => unknown).call(target, stmt, args);
        };
      }
      if (prop === "batch" || prop === "migrate") {
        return async (stmts: InStatement[], ...rest: unknown[]) => {
          for (const s of stmts) checkStatement(s);
          return (target[prop] as (...a: unknown[]) => unknown).call(target, stmts, ...rest);
        };
      }
      if (prop === "transaction")
        return () =>
          Promise.reject(
            new StatementLimitError("interactive transactions are not portable (D1 has none): use db.batch"),
          );
      const value = Reflect.get(target, prop, receiver);
      return typeof value === "function" ? value.bind(target) : value;
    },
  });
}
