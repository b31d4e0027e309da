import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { startFakeResend } from "../../support/fake-resend";

declare module "vitest" {
  export interface ProvidedContext {
    fakeResendUrl: string;
    fakeResendControl: string;
    hranaRecorderUrl: string;
  }
}

/**
 * Runs in Node, before workerd starts: the fake Resend the Worker's fetch reaches through
 * RESEND_BASE_URL, and a small control server the tests (inside workerd) ask what it accepted,
 * reset it through, and make it fail through.
 *   GET  /accepted  → [{ to, subject, idempotencyKey, text }]
 *   POST /reset
 *   POST /fail?from=N → every request from the N-th (0-based) on answers 500
 *   GET  /feeds/remoteok → a recorded Remote OK payload, a job source for the ingest test
 *   GET  /hrana → what the Hrana recorder received: [{ method, path, authorization, body }]
 * The Hrana recorder stands where a Turso database would (DATABASE_URL): it keeps each request
 * and answers every one 503, so a test sees what the Worker's @libsql/client/web sends, never a
 * made-up result (no Hrana server runs here: README "Cloudflare Workers").
 */
export default async function setup(project: TestProject) {
  const fake = await startFakeResend();
  const hrana: { method: string; path: string; authorization: string | null; body: string }[] = [];
  const recorder = createServer((req, res) => {
    let body = "";
    req.on("data", (chunk: Buffer) => (body += chunk.toString("utf8")));
    req.on("end", () => {
      hrana.push({
        method: req.method ?? "",
        path: req.url ?? "",
        authorization: req.headers.authorization ?? null,
        body,
      });
      res.writeHead(503, { "content-type": "text/plain" }).end("recorder: no database here");
    });
  });
  const remoteOk = readFileSync(
    new URL("../../fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", import.meta.url),
  );
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
    if (req.method === "GET" && url.pathname === "/hrana") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(hrana));
      return;
    }
    if (req.method === "POST" && url.pathname === "/reset") {
      hrana.length = 0;
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
  await new Promise<void>((resolve) => recorder.listen(0, "127.0.0.1", resolve));
  project.provide("hranaRecorderUrl", `http://127.0.0.1:${(recorder.address() as AddressInfo).port}`);
  project.provide("fakeResendUrl", fake.url);
  project.provide("fakeResendControl", `http://127.0.0.1:${(control.address() as AddressInfo).port}`);
  return async () => {
    control.close();
    recorder.close();
    await fake.close();
  };
}
