import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeResend, workerApp } from "./support/worker";

// The Turso option (DATABASE_URL, DATABASE_AUTH_TOKEN) as far as it can be exercised here: no
// Hrana server runs on this machine (no sqld; the turso CLI's --sync-server refuses the `close`
// request @libsql/client sends with every statement), so a recorder stands at DATABASE_URL and
// answers 503. What is checked is the Worker's side: which database it talks to, and how.

interface HranaRequest {
  method: string;
  path: string;
  authorization: string | null;
  body: string;
}

const seen = async () => (await (await fetch(`${env.FAKE_RESEND_CONTROL}/hrana`)).json()) as HranaRequest[];

beforeEach(async () => {
  await fakeResend("/reset");
});

describe("Turso instead of D1 (DATABASE_URL)", () => {
  it("sends the app's statements to DATABASE_URL over Hrana's HTTP pipeline with the token, not to D1", async () => {
    const turso = { ...env, DATABASE_URL: env.HRANA_RECORDER_URL, DATABASE_AUTH_TOKEN: "turso-test-token" };
    const res = await workerApp(turso).request("/healthz");
    expect(res.status).toBe(503); // the recorder is no database: /healthz says so, as for any unreachable one
    const pipeline = (await seen()).filter((r) => r.method === "POST" && /^\/v[23]\/pipeline$/.test(r.path));
    expect(pipeline.length).toBeGreaterThan(0);
    for (const r of pipeline) expect(r.authorization).toBe("Bearer turso-test-token");
    expect(JSON.parse(pipeline[0]!.body)).toMatchObject({
      requests: expect.arrayContaining([{ type: "execute", stmt: expect.objectContaining({ sql: "select 1" }) }]),
    });

    expect((await workerApp().request("/healthz")).status).toBe(200); // without DATABASE_URL: D1
  });

  it("a file: DATABASE_URL is refused by name: a Worker has no files", async () => {
    const res = await workerApp({ ...env, DATABASE_URL: "file:data/backend-weekly.db" }).request("/healthz");
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/DATABASE_URL: a Worker has no files/);
  });
});
