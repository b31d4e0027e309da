import { execFile } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { promisify } from "node:util";
import type { TestProject } from "vitest/node";
import { startFakeResend } from "../../support/fake-resend";
import { startFakeTurso, type FakeTurso } from "../../support/fake-turso";

declare module "vitest" {
  export interface ProvidedContext {
    fakeResendUrl: string;
    fakeResendControl: string;
    fakeTursoToken: string;
  }
}

const TURSO_TOKEN = "fake-turso-token";

/**
 * Runs in Node, before workerd starts: the fake Resend the Worker's fetch reaches through
 * RESEND_BASE_URL, and a small control server the tests (inside workerd) ask what it accepted,
 * reset it through, and make it fail through.
 *   GET  /accepted  → [{ to, subject, idempotencyKey, text }]
 *   POST /reset
 *   POST /fail?from=N → every request from the N-th (0-based) on answers 500
 *   GET  /feeds/remoteok → a recorded Remote OK payload, a job source for the ingest test
 *   POST /turso/fresh → a fake Turso (test/support/fake-turso.ts) on a new libSQL file, migrated
 *     by the CLI's `migrate` run as its own process against it: { url } (token: fakeTursoToken)
 *   POST /turso/select (body: SQL) → rows read from that file directly, not through Hrana
 */
export default async function setup(project: TestProject) {
  const fake = await startFakeResend();
  let turso: FakeTurso | undefined;
  const freshTurso = async () => {
    await turso?.close();
    turso = await startFakeTurso({ authToken: TURSO_TOKEN });
    await migrateThroughCli(turso.url);
    return { url: turso.url };
  };
  const remoteOk = readFileSync(
    new URL("../../fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", import.meta.url),
  );
  const answerTurso = async (path: string, req: AsyncIterable<Buffer>): Promise<unknown> => {
    if (path === "/turso/fresh") return freshTurso();
    let sql = "";
    for await (const chunk of req) sql += chunk.toString("utf8");
    if (!turso || path !== "/turso/select" || !/^\s*select\b/i.test(sql))
      throw new Error("POST /turso/fresh, then select");
    return (await turso.file.execute(sql)).rows;
  };
  const control = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://control");
    if (req.method === "GET" && url.pathname === "/accepted") {
      const accepted = fake.accepted.map((e) => ({
        to: e.to,
        subject: e.subject,
        idempotencyKey: e.idempotencyKey,
        text: e.text ?? "",
      }));
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(accepted));
      return;
    }
    if (req.method === "POST" && url.pathname.startsWith("/turso/")) {
      void answerTurso(url.pathname, req).then(
        (body) => res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(body)),
        (err: Error) => res.writeHead(500, { "content-type": "text/plain" }).end(err.message),
      );
      return;
    }
    if (req.method === "POST" && url.pathname === "/reset") {
      fake.reset();
      fake.setFault(null);
      res.writeHead(204).end();
      return;
    }
    if (req.method === "POST" && url.pathname === "/fail") {
      const from = Number(url.searchParams.get("from") ?? 0);
      fake.setFault((r) => (r.requestIndex >= from ? "500" : "none"));
      res.writeHead(204).end();
      return;
    }
    if (req.method === "GET" && url.pathname === "/feeds/remoteok") {
      res.writeHead(200, { "content-type": "application/json" }).end(remoteOk);
      return;
    }
    res.writeHead(404).end();
  });
  await new Promise<void>((resolve) => control.listen(0, "127.0.0.1", resolve));
  project.provide("fakeTursoToken", TURSO_TOKEN);
  project.provide("fakeResendUrl", fake.url);
  project.provide("fakeResendControl", `http://127.0.0.1:${(control.address() as AddressInfo).port}`);
  return async () => {
    control.close();
    await turso?.close();
    await fake.close();
  };
}

/** `npm run cli -- migrate` as an operator runs it against Turso: DATABASE_URL and DATABASE_AUTH_TOKEN. */
async function migrateThroughCli(databaseUrl: string): Promise<void> {
  const env = {
    PATH: process.env.PATH,
    NODE_ENV: "test",
    DATABASE_URL: databaseUrl,
    DATABASE_AUTH_TOKEN: TURSO_TOKEN,
    TOKEN_SECRET: "workers-test-secret-0123456789abcdef",
    PUBLIC_URL: "http://localhost:8787",
    MAIL_FROM: "Backend Weekly <digest@example.com>",
    OUTBOX_DIR: join(tmpdir(), "backend-weekly-workers-test-outbox"), // unused by migrate, but checked
    SCHEDULER: "off",
  };
  const { stdout } = await promisify(execFile)(process.execPath, ["--import", "tsx", "src/cli.ts", "migrate"], {
    cwd: new URL("../../../", import.meta.url).pathname,
    env,
    timeout: 120_000,
  });
  if (!stdout.includes("migrations applied")) throw new Error(`migrate said: ${stdout}`);
}
