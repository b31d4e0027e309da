import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { FormSession, linkPath, readPage } from "../support/forms";
import worker from "../../src/worker";
import { openWorkerDatabase } from "../../src/workers/database";
import type { QueueBinding, QueueMessageBody, WorkerEnv } from "../../src/workers/env";
import { d1, givenWeek, MONDAY } from "./support/seed";
import { fakeResend, workerApp, type Accepted } from "./support/worker";

// The Turso option (DATABASE_URL, DATABASE_AUTH_TOKEN) end to end against the fake Turso
// (test/support/fake-turso.ts: Hrana over HTTP in front of a real libSQL file, started by
// global-setup.ts, migrated by the CLI's `migrate` run against it). No sqld runs here, so this is
// the closest thing: the Worker's @libsql/client/web sends every statement over HTTP and the rows
// are read back from the file directly, not through the Worker.

let turso: WorkerEnv;

/** Rows read from the fake Turso's libSQL file directly (not through Hrana). */
async function fileRows(sql: string): Promise<Record<string, unknown>[]> {
  const res = await fetch(`${env.FAKE_RESEND_CONTROL}/turso/select`, { method: "POST", body: sql });
  if (!res.ok) throw new Error(`fake Turso select: ${res.status} ${await res.text()}`);
  return (await res.json()) as Record<string, unknown>[];
}

/** A queue binding that keeps what the tick enqueued: the pool's real queue would deliver it with D1's bindings. */
function heldQueue() {
  const held: QueueMessageBody[] = [];
  const queue: QueueBinding<QueueMessageBody> = {
    send: async (body) => void held.push(body),
    sendBatch: async (messages) => void held.push(...[...messages].map((m) => m.body)),
  };
  return { held, queue };
}

async function deliver(bodies: QueueMessageBody[], bindings: WorkerEnv, attempts: number): Promise<string[]> {
  const messages = bodies.map((body) => ({ id: crypto.randomUUID(), timestamp: MONDAY, attempts, body }));
  const batch = createMessageBatch<QueueMessageBody>("backend-weekly-digest", messages);
  const ctx = createExecutionContext();
  await worker.queue(batch, bindings, ctx);
  return (await getQueueResult(batch, ctx)).explicitAcks;
}

const digestsPerAddress = (mails: Accepted[]) => {
  const counts = new Map<string, number>();
  for (const m of mails) if (!/confirm/i.test(m.subject)) counts.set(m.to[0]!, (counts.get(m.to[0]!) ?? 0) + 1);
  return counts;
};

beforeAll(async () => {
  const res = await fetch(`${env.FAKE_RESEND_CONTROL}/turso/fresh`, { method: "POST" });
  if (!res.ok) throw new Error(`fake Turso: ${res.status} ${await res.text()}`);
  const { url } = (await res.json()) as { url: string };
  turso = { ...env, DATABASE_URL: url, DATABASE_AUTH_TOKEN: env.FAKE_TURSO_TOKEN };
}, 120_000);

beforeEach(async () => {
  await fakeResend("/reset");
});

describe("Turso instead of D1 (DATABASE_URL, DATABASE_AUTH_TOKEN)", () => {
  it("subscribe → confirm through the Worker's fetch lands the rows in Turso, not in D1", async () => {
    const session = new FormSession(workerApp(turso));
    await session.get("/");
    expect((await session.post("/subscribe", { email: "Tess@Example.com", stacks: ["go"] })).status).toBe(200);
    expect(await fileRows("select status from subscribers where email = 'tess@example.com'")).toEqual([
      { status: "pending" },
    ]);
    const mails = await fakeResend("/accepted");
    expect(mails.map((m) => m.to)).toEqual([["tess@example.com"]]);
    const done = await session.post(linkPath(mails[0]!.text, "confirm"), {});
    expect(await readPage(done)).toContain("You're subscribed");
    expect(await fileRows("select status from subscribers where email = 'tess@example.com'")).toEqual([
      { status: "confirmed" },
    ]);
    const inD1 = await d1().query.subscribers.findFirst({ where: (s, { eq }) => eq(s.email, "tess@example.com") });
    expect(inD1).toBeUndefined();
  });

  it("a tick → queue → consumer sends each digest once through the fake Resend, redelivered or not", async () => {
    const people = await givenWeek(openWorkerDatabase(turso), 6); // DIGEST_SLICE_SIZE = 4: 2 slices
    const { held, queue } = heldQueue();
    const ctx = createExecutionContext();
    const tick = createScheduledController({ cron: "*/15 * * * *", scheduledTime: MONDAY });
    await worker.scheduled(tick, { ...turso, DIGEST_QUEUE: queue }, ctx);
    await waitOnExecutionContext(ctx);
    expect(held.map((m) => m.kind)).toEqual(["digest", "digest"]);

    expect(await deliver(held, turso, 1)).toHaveLength(2);
    expect(await deliver(held, turso, 2)).toHaveLength(2); // at-least-once: the same slices again
    const counts = digestsPerAddress(await fakeResend("/accepted"));
    expect([...counts.keys()].sort()).toEqual(people.map((p) => p.email).sort());
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    const ledger = await fileRows(
      "select d.status, count(*) as n from deliveries d join subscribers s on s.id = d.subscriber_id" +
        " where d.kind = 'digest' and s.email like 'reader-%' group by d.status",
    );
    expect(ledger).toEqual([{ status: "sent", n: 6 }]); // the ledger is in Turso's file
  });

  it("a wrong DATABASE_AUTH_TOKEN is refused (/healthz 503); without DATABASE_URL, D1", async () => {
    expect((await workerApp({ ...turso, DATABASE_AUTH_TOKEN: "wrong" }).request("/healthz")).status).toBe(503);
    expect((await workerApp(turso).request("/healthz")).status).toBe(200);
    expect((await workerApp().request("/healthz")).status).toBe(200);
  });

  it("a file: DATABASE_URL is refused by name: a Worker has no files", async () => {
    const res = await workerApp({ ...env, DATABASE_URL: "file:data/backend-weekly.db" }).request("/healthz");
    expect(res.status).toBe(500);
    expect(await res.text()).toMatch(/DATABASE_URL: a Worker has no files/);
  });
});
