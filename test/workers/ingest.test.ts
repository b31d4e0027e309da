import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { count, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { jobRuns, listings } from "../../db/schema";
import worker from "../../src/worker";
import type { IngestSourceMessage, QueueBinding, QueueMessageBody } from "../../src/workers/env";
import { d1 } from "./support/seed";

const db = d1();
const INGEST_CRON = "0 */6 * * *";

/** A queue binding that keeps what is sent, so the test hands it to the consumer itself. */
function keptQueue(): QueueBinding<IngestSourceMessage> & { sent: IngestSourceMessage[] } {
  const sent: IngestSourceMessage[] = [];
  return {
    sent,
    send: async (body) => void sent.push(body),
    sendBatch: async (messages) => void sent.push(...[...messages].map((m) => m.body)),
  };
}

describe("ingestion on its own Cron Trigger, one source per queue message", () => {
  it("enqueues each enabled source and the consumer stores its listings, once per interval", async () => {
    const feed = `${env.FAKE_RESEND_CONTROL}/feeds/remoteok`;
    const sources = {
      sources: [
        { name: "remoteok-local", type: "remoteok", url: feed, minIntervalMinutes: 360 },
        { name: "switched-off", type: "remoteok", url: feed, enabled: false },
      ],
    };
    const queue = keptQueue();
    const bindings = {
      ...env,
      SOURCES_JSON: JSON.stringify(sources),
      SOURCES_ALLOW_PRIVATE: "true",
      INGEST_QUEUE: queue,
    };
    const at = new Date("2024-12-05T06:00:00Z"); // the recorded payload's week: its listings are fresh
    const ctx = createExecutionContext();
    await worker.scheduled(createScheduledController({ cron: INGEST_CRON, scheduledTime: at }), bindings, ctx);
    await waitOnExecutionContext(ctx);
    expect(queue.sent).toEqual([{ kind: "ingest", source: "remoteok-local", now: at.toISOString() }]);

    const deliver = async (attempts: number) => {
      const batch = createMessageBatch<QueueMessageBody>(
        "backend-weekly-ingest",
        queue.sent.map((body) => ({ id: crypto.randomUUID(), timestamp: at, attempts, body })),
      );
      const c = createExecutionContext();
      await worker.queue(batch, bindings, c);
      return getQueueResult(batch, c);
    };
    const stored = async () =>
      (await db.select({ n: count() }).from(listings).where(eq(listings.source, "remoteok")))[0]!.n;
    const sourceStatus = async () =>
      (await db.select().from(jobRuns).where(eq(jobRuns.job, "ingest")).orderBy(jobRuns.startedAt)).map(
        (r) => (r.summary as { sources: { status: string; new: number }[] }).sources[0],
      );
    expect((await deliver(1)).explicitAcks).toHaveLength(1);
    const first = await stored();
    expect(first).toBeGreaterThan(0);
    expect(await sourceStatus()).toEqual([expect.objectContaining({ status: "ok", new: first })]);

    // A redelivered message within the source's interval fetches nothing and changes nothing.
    expect((await deliver(2)).explicitAcks).toHaveLength(1);
    expect((await sourceStatus())[1]).toMatchObject({ status: "skipped", new: 0 });
    expect(await stored()).toBe(first);
  });
});
