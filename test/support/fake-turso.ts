import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient, type Client, type InValue, type ResultSet } from "@libsql/client";

/**
 * A local fake Turso for tests: Hrana over HTTP (version 2, JSON), the protocol
 * `@libsql/client/web` and the Node client's http(s) URLs speak, in front of a real libSQL file.
 * Like the fake Resend it behaves like the real service where the client can tell: the bearer
 * token is checked (401 otherwise), every statement runs for real on the file (results, rowids and
 * SQLite's own errors as Hrana error objects), a stream keeps its connection between requests
 * through its baton (so BEGIN … COMMIT across requests is one transaction), and stored SQL
 * (store_sql, sql_id) is per stream. It answers 404 to the client's probe for v3-protobuf, as
 * a v2-only sqld does, so the client speaks JSON v2. Only what that client sends is implemented.
 *
 * @example
 * const turso = await startFakeTurso({ authToken: "t0ken" });
 * const client = createClient({ url: turso.url, authToken: "t0ken" }); // @libsql/client/web
 * await turso.file.execute("select count(*) from subscribers"); // the same rows, read directly
 */
export interface FakeTurso {
  url: string;
  /** The libSQL file itself, read directly (not through Hrana). */
  file: Client;
  path: string;
  close(): Promise<void>;
}

type HranaValue =
  | { type: "null" }
  | { type: "integer"; value: string }
  | { type: "float"; value: number }
  | { type: "text"; value: string }
  | { type: "blob"; base64: string };
interface Stmt {
  sql?: string;
  sql_id?: number;
  args?: HranaValue[];
  named_args?: { name: string; value: HranaValue }[];
  want_rows?: boolean;
}
type Cond =
  | { type: "ok" | "error"; step: number }
  | { type: "not"; cond: Cond }
  | { type: "and" | "or"; conds: Cond[] }
  | { type: "is_autocommit" };
type StreamRequest =
  | { type: "close" | "get_autocommit" }
  | { type: "execute"; stmt: Stmt }
  | { type: "batch"; batch: { steps: { condition?: Cond; stmt: Stmt }[] } }
  | { type: "sequence"; sql?: string; sql_id?: number }
  | { type: "store_sql"; sql_id: number; sql: string }
  | { type: "close_sql"; sql_id: number };
interface Stream {
  conn: Client;
  sqls: Map<number, string>;
}
class HranaError extends Error {
  constructor(
    message: string,
    readonly code?: string,
  ) {
    super(message);
  }
}

export async function startFakeTurso(opts: { authToken: string }): Promise<FakeTurso> {
  const dir = mkdtempSync(join(tmpdir(), "fake-turso-"));
  const path = join(dir, "turso.db");
  const connect = () => createClient({ url: `file:${path}`, intMode: "bigint" });
  const file = createClient({ url: `file:${path}` });
  await file.execute("pragma journal_mode = wal"); // streams are separate connections, as in sqld
  const streams = new Map<string, Stream>(); // by baton: per server, not per module

  const pipeline = async (body: { baton?: string | null; requests: StreamRequest[] }) => {
    const known = body.baton ? streams.get(body.baton) : undefined;
    if (body.baton && !known) throw new HranaError("Stream handle is no longer valid", "STREAM_EXPIRED");
    if (body.baton) streams.delete(body.baton);
    const stream = known ?? { conn: connect(), sqls: new Map<number, string>() };
    const results: unknown[] = [];
    let open = true;
    for (const request of body.requests) {
      try {
        if (!open) throw new HranaError("The stream has already been closed", "STREAM_CLOSED");
        if (request.type === "close") open = false;
        results.push({ type: "ok", response: await handle(stream, request) });
      } catch (err) {
        results.push({ type: "error", error: toHranaError(err) });
      }
    }
    if (!open) {
      stream.conn.close();
      return { baton: null, base_url: null, results };
    }
    const baton = randomUUID();
    streams.set(baton, stream);
    return { baton, base_url: null, results };
  };

  const server = createServer((req, res) => {
    void serve(req, res).catch((err) => json(res, 500, toHranaError(err)));
  });
  async function serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    if (req.method !== "POST" || req.url !== "/v2/pipeline") return void res.writeHead(404).end();
    if (req.headers.authorization !== `Bearer ${opts.authToken}`) {
      return json(res, 401, { message: "Authentication failed: bad or missing token", code: "UNAUTHORIZED" });
    }
    let text = "";
    for await (const chunk of req) text += (chunk as Buffer).toString("utf8");
    try {
      json(res, 200, await pipeline(JSON.parse(text)));
    } catch (err) {
      json(res, 400, toHranaError(err));
    }
  }
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    file,
    path,
    async close() {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      for (const stream of streams.values()) stream.conn.close();
      file.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

async function handle(stream: Stream, request: StreamRequest): Promise<unknown> {
  switch (request.type) {
    case "close":
      return { type: "close" };
    case "execute":
      return { type: "execute", result: await execute(stream, request.stmt) };
    case "batch":
      return { type: "batch", result: await batch(stream, request.batch.steps) };
    case "sequence":
      await stream.conn.executeMultiple(sqlOf(stream, request));
      return { type: "sequence" };
    case "store_sql":
      stream.sqls.set(request.sql_id, request.sql);
      return { type: "store_sql" };
    case "close_sql":
      stream.sqls.delete(request.sql_id);
      return { type: "close_sql" };
    default:
      throw new HranaError(`request type ${request.type} is not implemented by the fake`, "NOT_IMPLEMENTED");
  }
}

async function batch(stream: Stream, steps: { condition?: Cond; stmt: Stmt }[]) {
  const stepResults: unknown[] = [];
  const stepErrors: unknown[] = [];
  const holds = (c: Cond): boolean => {
    if (c.type === "ok") return stepResults[c.step] != null;
    if (c.type === "error") return stepErrors[c.step] != null;
    if (c.type === "not") return !holds(c.cond);
    if (c.type === "and") return c.conds.every(holds);
    if (c.type === "or") return c.conds.some(holds);
    throw new HranaError("is_autocommit is v3 only", "NOT_IMPLEMENTED");
  };
  for (const step of steps) {
    stepResults.push(null);
    stepErrors.push(null);
    if (step.condition && !holds(step.condition)) continue;
    try {
      stepResults[stepResults.length - 1] = await execute(stream, step.stmt);
    } catch (err) {
      stepErrors[stepErrors.length - 1] = toHranaError(err);
    }
  }
  return { step_results: stepResults, step_errors: stepErrors };
}

async function execute(stream: Stream, stmt: Stmt) {
  if (stmt.named_args?.length) throw new HranaError("named arguments are not implemented by the fake");
  const result: ResultSet = await stream.conn.execute({
    sql: sqlOf(stream, stmt),
    args: (stmt.args ?? []).map(fromHrana),
  });
  return {
    cols: result.columns.map((name, i) => ({ name, decltype: result.columnTypes[i] || null })),
    rows: stmt.want_rows === false ? [] : result.rows.map((row) => result.columns.map((_, i) => toHrana(row[i]!))),
    affected_row_count: result.rowsAffected,
    last_insert_rowid: result.lastInsertRowid === undefined ? null : String(result.lastInsertRowid),
  };
}

function sqlOf(stream: Stream, s: { sql?: string; sql_id?: number }): string {
  if (s.sql !== undefined) return s.sql;
  const stored = s.sql_id === undefined ? undefined : stream.sqls.get(s.sql_id);
  if (stored === undefined) throw new HranaError(`SQL text ${s.sql_id} was not stored`, "SQL_NOT_FOUND");
  return stored;
}

function fromHrana(v: HranaValue): InValue {
  if (v.type === "integer") return BigInt(v.value);
  if (v.type === "float" || v.type === "text") return v.value;
  if (v.type === "blob") return Buffer.from(v.base64, "base64");
  return null;
}

function toHrana(v: unknown): HranaValue {
  if (v === null || v === undefined) return { type: "null" };
  if (typeof v === "bigint") return { type: "integer", value: String(v) };
  if (typeof v === "number") return { type: "float", value: v };
  if (typeof v === "string") return { type: "text", value: v };
  return { type: "blob", base64: Buffer.from(v as ArrayBuffer).toString("base64") };
}

/** SQLite's code and message, without the "CODE: " prefix the local client adds (the remote one adds it again). */
function toHranaError(err: unknown): { message: string; code?: string } {
  const e = err as { message?: string; code?: string };
  const code = e.code;
  const message = String(e.message ?? err);
  return { message: code && message.startsWith(`${code}: `) ? message.slice(code.length + 2) : message, code };
}

function json(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { "content-type": "application/json" }).end(JSON.stringify(body));
}
