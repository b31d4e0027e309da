import {
  createExecutionContext,
  createMessageBatch,
  createScheduledController,
  env,
  getQueueResult,
  waitOnExecutionContext,
} from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import type { Mailer } from "../../src/mail/mailer";
import worker from "../../src/worker";
import { consumeBatch } from "../../src/workers/consumer";
import { buildWorkerDeps } from "../../src/workers/deps";
import type { DigestSliceMessage, QueueMessageBody } from "../../src/workers/env";
import { subscriberSlices } from "../../src/workers/slices";
import { d1, finishedSliceRuns, givenWeek, ledgerStatuses, MONDAY, until } from "./support/seed";
import { givenSubscribers } from "../support/subscriber-factory";
import { fakeResend, type Accepted } from "./support/worker";

const db = d1();
const DIGEST_CRON = "*/15 * * * *";

beforeEach(async () => {
  await fakeResend("/reset");
});

async function tick(at: Date): Promise<void> {
  const ctx = createExecutionContext();
  await worker.scheduled(createScheduledController({ cron: DIGEST_CRON, scheduledTime: at }), env, ctx);
  await waitOnExecutionContext(ctx);
}

/** How many digests each address got (confirmations are not digests). */
function perAddress(mails: Accepted[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const m of mails) if (!/confirm/i.test(m.subject)) counts.set(m.to[0]!, (counts.get(m.to[0]!) ?? 0) + 1);
  return counts;
}

function sliceMessages(slices: { fromId: string; toId: string }[], now: Date, attempts = 1) {
  return slices.map((s) => ({
    id: crypto.randomUUID(),
    timestamp: now,
    attempts,
    body: {
      kind: "digest",
      fromId: s.fromId,
      toId: s.toId,
      now: now.toISOString(),
    } satisfies DigestSliceMessage as QueueMessageBody,
  }));
}

describe("the weekly run through Cron Trigger → Queue → consumer, on D1", () => {
  it("sends every due subscriber's digest exactly once, and a second tick sends nothing", async () => {
    const people = await givenWeek(db, 10); // DIGEST_SLICE_SIZE = 4 in the test bindings: 3 slices
    const before = await finishedSliceRuns(db);
    await tick(MONDAY);
    await until(async () => (await finishedSliceRuns(db)) === before + 3, "the 3 slices of the first tick");
    expect(await ledgerStatuses(db, people)).toEqual({ sent: 10 });
    const first = perAddress(await fakeResend("/accepted"));
    expect([...first.keys()].sort()).toEqual(people.map((p) => p.email).sort());
    expect([...first.values()].every((n) => n === 1)).toBe(true);

    await tick(new Date(MONDAY.getTime() + 15 * 60_000));
    await until(async () => (await finishedSliceRuns(db)) === before + 6, "the 3 slices of the second tick");
    expect(perAddress(await fakeResend("/accepted"))).toEqual(first);
  });

  it("sends the rest of a batch when the provider refuses one address in it, and marks that one failed", async () => {
    const readers = await givenWeek(db, 4);
    // Stored before sign-up refused a domain label ending in a hyphen; Resend refuses it.
    const email = `early-${crypto.randomUUID().slice(0, 6)}@example-.com`;
    const [refused] = await givenSubscribers(db, new Date(MONDAY.getTime() - 30 * 86_400_000), [{ email }]);
    const everyone = [...readers, refused!];
    // One slice over everyone (the earlier tests' readers are no longer due): the five share a batch.
    const slices = await subscriberSlices(db, 100_000);
    const batch = createMessageBatch<QueueMessageBody>("backend-weekly-digest", sliceMessages(slices, MONDAY));
    const ctx = createExecutionContext();
    await worker.queue(batch, env, ctx);
    await getQueueResult(batch, ctx);
    expect(await ledgerStatuses(db, everyone)).toEqual({ sent: 4, failed: 1 });
    const accepted = await fakeResend("/accepted");
    const mailed = perAddress(accepted);
    expect(readers.map((r) => mailed.get(r.email))).toEqual([1, 1, 1, 1]);
    expect(mailed.has(email)).toBe(false);
    // The four went out in one batch with the refused one (one idempotency key).
    const readerEmails = new Set(readers.map((r) => r.email));
    expect(new Set(accepted.filter((m) => readerEmails.has(m.to[0]!)).map((m) => m.idempotencyKey)).size).toBe(1);
  });

  it("a slice delivered twice, in one batch and again later, sends nothing twice", async () => {
    const people = await givenWeek(db, 10);
    const slices = await subscriberSlices(db, 4);
    const twice = sliceMessages([...slices, ...slices], MONDAY);
    const ctx = createExecutionContext();
    const batch = createMessageBatch<QueueMessageBody>("backend-weekly-digest", twice);
    await worker.queue(batch, env, ctx);
    const result = await getQueueResult(batch, ctx);
    expect(result.retryMessages).toEqual([]);
    expect(result.explicitAcks.sort()).toEqual(twice.map((m) => m.id).sort());

    const redelivered = createMessageBatch<QueueMessageBody>("backend-weekly-digest", sliceMessages(slices, MONDAY, 2));
    const ctx2 = createExecutionContext();
    await worker.queue(redelivered, env, ctx2);
    await getQueueResult(redelivered, ctx2);

    const counts = perAddress(await fakeResend("/accepted"));
    expect(counts.size).toBe(people.length);
    expect([...counts.values()].every((n) => n === 1)).toBe(true);
    expect(await ledgerStatuses(db, people)).toEqual({ sent: 10 });
  });

  it("a consumer that dies mid-slice (the provider took a batch, no answer came) is redelivered and nobody gets two", async () => {
    // 250 in one slice: three provider batches (100, 100, 50), and every ledger write on the real D1.
    const people = await givenWeek(db, 250, MONDAY);
    const slice = (await subscriberSlices(db, 100_000)).find(
      (s) => s.fromId <= people[0]!.id && people[0]!.id <= s.toId,
    )!;
    const deps = await buildWorkerDeps(env, createExecutionContext());
    let batches = 0;
    const dying: Mailer = {
      name: deps.mailer.name,
      send: (e, o) => deps.mailer.send(e, o),
      async sendBatch(emails, opts) {
        // The second batch reaches the provider, then the isolate is gone: nothing after it leaves,
        // no answer comes back, and its run never returns.
        batches += 1;
        if (batches === 1) return deps.mailer.sendBatch(emails, opts);
        if (batches === 2) await deps.mailer.sendBatch(emails, opts);
        return new Promise<never>(() => {});
      },
    };
    const first = createMessageBatch<QueueMessageBody>("backend-weekly-digest", sliceMessages([slice], MONDAY));
    void consumeBatch(first, { ...deps, mailer: dying });
    await until(async () => perAddress(await fakeResend("/accepted")).size === 200, "two batches at the provider");
    expect((await ledgerStatuses(db, people)).sent ?? 0).toBeLessThan(250);

    // The queue redelivers; the next tick (an hour on, past the dead run's claim) finishes the rest.
    const again = createMessageBatch<QueueMessageBody>("backend-weekly-digest", sliceMessages([slice], MONDAY, 2));
    const ctx = createExecutionContext();
    await worker.queue(again, env, ctx);
    expect((await getQueueResult(again, ctx)).explicitAcks).toHaveLength(1);
    await tick(new Date(MONDAY.getTime() + 60 * 60_000));
    await until(async () => (await ledgerStatuses(db, people)).sent === 250, "every digest sent");

    const counts = perAddress(await fakeResend("/accepted"));
    expect(counts.size).toBe(250);
    expect([...counts.values()].filter((n) => n !== 1)).toEqual([]);
  });
});
