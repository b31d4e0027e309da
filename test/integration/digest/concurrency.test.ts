import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Database } from "../../../db/client";
import { openTestDatabase } from "../../support/deps";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { runDigest } from "../../../src/digest/run";
import { createResendMailer } from "../../../src/mail/transports/resend";
import { startDigestRun, summaryOf } from "./cli";
import {
  createDigestDeps,
  expectEachMailedOnce,
  givenWeek,
  ledgerCounts,
  resetDigestState,
  type DigestDeps,
} from "./helpers";

const WEEK1 = new Date("2026-03-23T08:00:00Z");
let deps: DigestDeps;
let other: Database;
/** A second scheduler: its own database client on the same file, its own SDK client. */
let second: DigestDeps;

beforeAll(async () => {
  deps = await createDigestDeps();
  other = await openTestDatabase(deps.config.databaseUrl);
  second = { ...deps, db: other.db, mailer: createResendMailer("re_test_key", deps.fake.url) };
});
afterAll(async () => {
  other.client.close();
  await deps.close();
});
beforeEach(() => resetDigestState(deps));

describe("two schedulers at once", () => {
  it("two runs started together on two database clients mail everyone exactly once between them", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 250);
    const [a, b] = await Promise.all([runDigest(deps, { now: WEEK1 }), runDigest(second, { now: WEEK1 })]);
    expectEachMailedOnce(deps.fake, subs);
    expect(a.planned + b.planned).toBe(250);
    expect((a.sent ?? 0) + (b.sent ?? 0)).toBe(250);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 250 });
  });

  it("a run whose clock is past the other's claim cannot send a batch the other is still preparing", async () => {
    // More batches than a run hands over at once, so the first run is still composing when the late one comes in.
    const subs = await givenWeek(deps.db, WEEK1, 650);
    deps.fake.configure({ latencyMs: 50 }); // each batch stays with the provider long enough for the late run to come in
    let late: ReturnType<typeof runDigest> | undefined;
    // As soon as the first run has delivered its first batch, a scheduler whose clock is past
    // the first run's claims starts; the first run is meanwhile claiming and rendering its next batch.
    const first = runDigest(deps, {
      now: WEEK1,
      onProgress: (line) => {
        if (line.startsWith("sent") && !late)
          late = runDigest(second, { now: new Date(WEEK1.getTime() + CLAIM_MS + 60_000) });
      },
    });
    const [a, b] = [await first, await late!];
    expectEachMailedOnce(deps.fake, subs);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 650 });
    // The late run really competed: it found subscribers still due, or batches to take over (which
    // count as recovered only when the first run had not marked them sent by then: a batch it took
    // over and handed to the provider shows in its batches); the ledger's key and claims decided.
    expect(b.due + (b.batches ?? 0)).toBeGreaterThan(0);
    expect((a.sent ?? 0) + (b.sent ?? 0)).toBe(650);
  });

  it("two `digest run` processes started together mail everyone exactly once between them", {
    timeout: 60_000,
  }, async () => {
    const subs = await givenWeek(deps.db, WEEK1, 250);
    deps.fake.configure({ latencyMs: 20 });
    const runs = [startDigestRun(deps, WEEK1), startDigestRun(deps, WEEK1)];
    const results = await Promise.all(runs.map((r) => r.done));
    expect(results.map((r) => [r.code, r.stderr.includes("Error") ? r.stderr : ""])).toEqual([
      [0, ""],
      [0, ""],
    ]);
    expectEachMailedOnce(deps.fake, subs);
    expect(results.map((r) => summaryOf(r.stdout).sent ?? 0).reduce((x, y) => x + y, 0)).toBe(250);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 250 });
  });
});
