import { sql } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryContents, listings, preferences } from "../../../db/schema";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { runDigest } from "../../../src/digest/run";
import { createDeliverer, emptySendSummary, runClock, type Deliver } from "../../../src/digest/send";
import { sendDue } from "../../../src/digest/send-due";
import { recordingRetry } from "../../support/deps";
import { randomFaults, type FaultKind } from "../../support/fake-resend";
import {
  createDigestDeps,
  digestMails,
  expectEachMailedOnce,
  givenWeek,
  ledgerCounts,
  mailedFingerprintCount,
  mailsPerAddress,
  resetDigestState,
  type DigestDeps,
  runUntilSettled,
} from "./helpers";

const WEEK1 = new Date("2026-03-23T08:00:00Z");
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

describe("provider faults", () => {
  const seen = new Map<FaultKind, number>();
  let replays = 0;
  let recovered = 0;

  it.each([1, 2, 3, 4, 5, 6, 7, 8])(
    "with 429s, 500s, dropped connections and lost answers on half the calls (seed %i), every due subscriber is mailed exactly once",
    async (seed) => {
      const subs = await givenWeek(deps.db, WEEK1, 250); // three batches: 100 + 100 + 50
      deps.retry = recordingRetry(3);
      deps.fake.setFault(randomFaults({ seed, probability: 0.5, kinds: ["429", "500", "drop", "accept-then-drop"] }));

      const runs = await runUntilSettled(deps, WEEK1);

      const perAddress = mailsPerAddress(deps.fake);
      expect(perAddress.size).toBe(subs.length);
      expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
      expect(await ledgerCounts(deps.db)).toEqual({ sent: subs.length });
      expect(await mailedFingerprintCount(deps.db)).toBe(subs.length * 3);
      // A run that stops early leaves the rest unplanned; later runs plan them: each subscriber once in all.
      expect(runs[0]!.due).toBe(subs.length);
      expect(runs.reduce((n, r) => n + r.planned, 0)).toBe(subs.length);

      for (const r of deps.fake.requests) seen.set(r.fault, (seen.get(r.fault) ?? 0) + 1);
      replays += deps.fake.requests.filter((r) => r.replayed).length;
      recovered += runs.reduce((n, r) => n + (r.recovered ?? 0), 0);
    },
  );

  it("the seeds above really exercised every fault, replays of lost answers and recovery by a later run", () => {
    for (const kind of ["429", "500", "drop", "accept-then-drop"] as const)
      expect(seen.get(kind) ?? 0).toBeGreaterThan(0);
    expect(replays).toBeGreaterThan(0);
    expect(recovered).toBeGreaterThan(0);
  });
});

describe("errors a retry cannot fix", () => {
  it("a 429 honours retry-after before trying again with the same key", async () => {
    await givenWeek(deps.db, WEEK1, 3);
    const retry = recordingRetry(5);
    deps.retry = retry;
    deps.fake.setFault((req) => (req.attempt === 1 ? "429" : "none"));
    expect(await runDigest(deps, { now: WEEK1 })).toMatchObject({ sent: 3, deferred: 0 });
    expect(retry.delays).toEqual([1000]);
    expect(deps.fake.requests.map((r) => [r.status, r.idempotencyKey])).toEqual([
      [429, deps.fake.requests[0]!.idempotencyKey],
      [200, deps.fake.requests[0]!.idempotencyKey],
    ]);
  });

  it("the daily quota: the refused batch is not retried, the run stops, and the next ticks try again until the quota resets", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 230); // batches of 100, 100 and 30
    deps.fake.configure({ dailyQuota: 120 });
    const first = await runDigest(deps, { now: WEEK1 });
    // The batches out with the refused one (how many depends on timing) are refused too, each tried once.
    expect(first).toMatchObject({
      due: 230,
      sent: 100,
      failed: 0,
      deferred: first.planned - 100,
      batches: deps.fake.requests.length,
    });
    expect(deps.fake.requests.map((r) => r.errorName)).toEqual([
      null,
      ...Array(deps.fake.requests.length - 1).fill("daily_quota_exceeded"),
    ]);
    // The refused batches are off the ledger (nothing of them went out), their content too; the rest were never composed.
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 100 });
    expect(await deps.db.$count(deliveryContents)).toBe(100);
    expect(digestMails(deps.fake)).toHaveLength(100);

    // The next tick tries again; the quota still refuses and nothing is lost. (The last 30 may be
    // handed over while the first 100 are out, as up to three batches are: refused the same way.)
    const next = await runDigest(deps, { now: new Date(WEEK1.getTime() + 15 * 60_000) });
    expect(next).toMatchObject({ due: 130, sent: 0, failed: 0 });
    expect(next.deferred).toBeGreaterThanOrEqual(100);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 100 });

    // Once the quota resets, everyone still due gets this week's digest, once.
    deps.fake.configure({ dailyQuota: undefined });
    const after = await runDigest(deps, { now: new Date(WEEK1.getTime() + 30 * 60_000) });
    expect(after).toMatchObject({ due: 130, sent: 130 });
    expectEachMailedOnce(deps.fake, subs);
  });

  it("a retryable error that outlasts every retry leaves the batch for the next run, which mails it once with the same key", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 5);
    deps.retry = recordingRetry(3);
    deps.fake.setFault(() => "500");
    expect(await runDigest(deps, { now: WEEK1 })).toMatchObject({ sent: 0, deferred: 5 });
    expect(await ledgerCounts(deps.db)).toEqual({ sending: 5 });
    const key = deps.fake.requests[0]!.idempotencyKey;

    // Before the claim lapses nobody else may take the batch over.
    deps.fake.setFault(null);
    expect(await runDigest(deps, { now: new Date(WEEK1.getTime() + CLAIM_MS - 1000) })).toMatchObject({
      sent: 0,
      recovered: 0,
    });
    // A minute past the claim: each retry renewed it by its wait (up to 1 s of jitter) plus the run's own
    // time, which on a loaded machine passes a second.
    expect(await runDigest(deps, { now: new Date(WEEK1.getTime() + CLAIM_MS + 60_000) })).toMatchObject({
      sent: 5,
      recovered: 5,
    });
    expect(deps.fake.requests.every((r) => r.idempotencyKey === key)).toBe(true);
    expectEachMailedOnce(deps.fake, subs);
  });

  it("a batch accepted whose answer was lost is finished by a later run with the very same request, even after its listings and the subscriber's filters changed", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 3);
    deps.retry = recordingRetry(1);
    deps.fake.setFault(() => "accept-then-drop");
    expect(await runDigest(deps, { now: WEEK1 })).toMatchObject({ sent: 0, deferred: 3 });
    expect(digestMails(deps.fake)).toHaveLength(3); // the provider did accept them
    await deps.db.update(listings).set({ status: "closed" });
    await deps.db.update(preferences).set({ stacks: ["rust"], maxListings: 1 });

    deps.fake.setFault(null);
    const later = await runDigest(deps, { now: new Date(WEEK1.getTime() + CLAIM_MS + 60_000) });
    expect(later).toMatchObject({ sent: 3, recovered: 3, unknown: 0 });
    expect(deps.fake.requests.map((r) => [r.status, r.replayed])).toEqual([
      [null, false],
      [200, true], // a byte-identical body: the provider replays instead of refusing or mailing again
    ]);
    expectEachMailedOnce(deps.fake, subs);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 3 });
  });

  it("a batch still `sending` after the provider's 24-hour key window is marked `unknown`, reported, and not resent", async () => {
    await givenWeek(deps.db, WEEK1, 2);
    deps.retry = recordingRetry(1);
    deps.fake.setFault(() => "accept-then-drop");
    expect(await runDigest(deps, { now: WEEK1 })).toMatchObject({ deferred: 2 });
    deps.fake.setFault(null);
    const late = await runDigest(deps, { now: new Date(WEEK1.getTime() + 25 * 3_600_000) });
    expect(late).toMatchObject({ unknown: 2, sent: 0 });
    expect(await ledgerCounts(deps.db)).toEqual({ unknown: 2 });
    expect(digestMails(deps.fake)).toHaveLength(2); // the one accepted batch, never a second copy
    expect(deps.fake.requests).toHaveLength(1);
  });
});

// The weekly run keeps several batches with the provider at once (send-due.ts): what happens to
// the others when one of them fails or is refused. Found by review; both failed before the fix.
describe("several batches with the provider at once", () => {
  it("an error in one batch ends the run with that error, after the others are finished; nothing is mailed twice", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 450);
    deps.fake.configure({ latencyMs: 150 }); // the first batch is still with the provider when the second fails
    const summary = emptySendSummary();
    const real = createDeliverer(deps, summary, "run-a", WEEK1);
    let calls = 0;
    const deliver: Deliver = async (...args) => {
      if (calls++ === 1) throw new Error("boom: the database is busy");
      return real(...args);
    };
    const outcome = await sendDue(deps, {
      now: WEEK1,
      runId: "run-a",
      summary,
      deliver,
      claimTime: runClock(WEEK1),
    }).then(
      () => "resolved",
      (e: unknown) => String(e),
    );
    expect(outcome).toMatch(/boom/);
    // Nothing new was handed over after the failure, and the batch already out was finished and recorded first.
    expect(calls).toBe(2);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 100, sending: 100 });

    // The failed batch waits in `sending` for its claim to lapse; then a later run finishes it and everyone else, once each.
    await runDigest(deps, { now: new Date(WEEK1.getTime() + CLAIM_MS + 60_000) });
    expectEachMailedOnce(deps.fake, subs);
  });

  it("a quota refusal loses no digest: the refused batches, and those out with them, are due again after the quota resets", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 500); // five batches of 100
    deps.fake.configure({ dailyQuota: 120, latencyMs: 150 }); // slow answers: the next batches are out before the refusal comes back
    const first = await runDigest(deps, { now: WEEK1 });
    expect(first).toMatchObject({ sent: 100, failed: 0 });
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 100 });
    expect(digestMails(deps.fake)).toHaveLength(100);

    deps.fake.configure({ dailyQuota: undefined, latencyMs: 0 });
    const next = await runDigest(deps, { now: new Date(WEEK1.getTime() + 15 * 60_000) });
    expect(next).toMatchObject({ due: 400, sent: 400 });
    expectEachMailedOnce(deps.fake, subs);
  });
});

describe("a ledger write that fails", () => {
  it("ends the run with its error once the batches out are recorded; nothing is lost or mailed twice", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 300);
    // The third batch's write fails (a full disk, say) after two batches went out.
    await deps.db.run(
      sql.raw(`CREATE TRIGGER third_write_fails BEFORE INSERT ON delivery_contents
      WHEN (SELECT count(DISTINCT idempotency_key) FROM deliveries WHERE idempotency_key IS NOT NULL) >= 3
      BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`),
    );
    try {
      const outcome = await runDigest(deps, { now: WEEK1 }).catch((e: unknown) => String(e));
      expect(outcome).toMatch(/disk is full/);
      // Both accepted batches are `sent`; the third never went in (its transaction rolled back whole).
      expect(await ledgerCounts(deps.db)).toEqual({ sent: 200 });
      expect(digestMails(deps.fake)).toHaveLength(200);
    } finally {
      await deps.db.run(sql.raw("DROP TRIGGER third_write_fails"));
    }
    await runDigest(deps, { now: new Date(WEEK1.getTime() + 60 * 60_000) });
    expectEachMailedOnce(deps.fake, subs);
  });
});
