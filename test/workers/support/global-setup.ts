import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import type { TestProject } from "vitest/node";
import { startFakeResend } from "../../support/fake-resend";

declare module "vitest" {
  export interface ProvidedContext {
    fakeResendUrl: string;
    fakeResendControl: string;
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
 */
export default async function setup(project: TestProject) {
  const fake = await startFakeResend();
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
  project.provide("fakeResendUrl", fake.url);
  project.provide("fakeResendControl", `http://127.0.0.1:${(control.address() as AddressInfo).port}`);
  return async () => {
    control.close();
    await fake.close();
  };
}
