import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { runDigest, type DigestRunSummary } from "../../../src/digest/run";
import { instantRetry, recordingRetry } from "../../support/deps";
import { randomFaults } from "../../support/fake-resend";
import { givenSubscribers } from "../../support/subscriber-factory";
import {
  createDigestDeps,
  digestMails,
  givenWeek,
  ledgerCounts,
  mailsPerAddress,
  resetDigestState,
  type DigestDeps,
  runUntilSettled,
} from "./helpers";

const WEEK = new Date("2026-03-23T08:00:00Z");
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

const total = (runs: DigestRunSummary[], key: "sent" | "failed" | "unknown") =>
  runs.reduce((n, r) => n + (r[key] ?? 0), 0);

describe("batches with addresses Resend refuses on their own, under provider faults", () => {
  it.each([1, 2, 3, 4, 5, 6])(
    "429s, 500s, drops and lost answers (seed %i): the others mailed once, the refused failed, each counted once",
    async (seed) => {
      const readers = await givenWeek(deps.db, WEEK, 150);
      // One in each of the two batches at least (planning order is by subscriber).
      await givenSubscribers(
        deps.db,
        WEEK,
        ["a", "b", "c"].map((p) => ({ email: `${p}-early@example-.com` })),
      );
      deps.retry = recordingRetry(3);
      deps.fake.setFault(randomFaults({ seed, probability: 0.5, kinds: ["429", "500", "drop", "accept-then-drop"] }));

      const runs = await runUntilSettled(deps, WEEK);

      const perAddress = mailsPerAddress(deps.fake);
      expect([...perAddress.keys()].sort()).toEqual(readers.map((r) => r.email).sort());
      expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
      expect(await ledgerCounts(deps.db)).toEqual({ sent: 150, failed: 3 });
      expect({ sent: total(runs, "sent"), failed: total(runs, "failed"), unknown: total(runs, "unknown") }).toEqual({
        sent: 150,
        failed: 3,
        unknown: 0,
      });
    },
  );
});

describe("a batch with a refused address taken over by a later run while its first run waits to retry", () => {
  it("is counted failed once, by the run that records it", async () => {
    const readers = await givenWeek(deps.db, WEEK, 3);
    await givenSubscribers(deps.db, WEEK, [{ email: "early@example-.com" }]);
    let first = true;
    deps.fake.setFault(() => (first ? "500" : "none"));
    // The first run's wait before its second attempt: a later scheduler, past the first run's
    // claim (a stalled process), takes the batch over and finishes it from the ledger.
    const later = new Date(WEEK.getTime() + CLAIM_MS + 60_000);
    let laterRun: DigestRunSummary | undefined;
    deps.retry = {
      ...instantRetry(),
      sleep: async () => {
        if (!first) return;
        first = false;
        deps.clock.set(later);
        laterRun = await runDigest({ ...deps, retry: instantRetry() }, { now: later });
      },
    };
    deps.clock.set(WEEK);

    const firstRun = await runDigest(deps, { now: WEEK });

    expect(laterRun).toMatchObject({ recovered: 3 });
    expect(
      digestMails(deps.fake)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(readers.map((r) => r.email).sort());
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 3, failed: 1 });
    const runs = [firstRun, laterRun!];
    expect({ sent: total(runs, "sent"), failed: total(runs, "failed") }).toEqual({ sent: 3, failed: 1 });
  });
});

describe("a batch taken over by a later run while its first run still retried it", () => {
  it("is not counted deferred by the run that lost it: each digest counted once between the runs", async () => {
    await givenWeek(deps.db, WEEK, 3);
    await givenSubscribers(deps.db, WEEK, [{ email: "early@example-.com" }]);
    // The first run's two attempts get 500s; the later run's attempt goes through between them.
    const answers = ["500", "none", "500"] as const;
    let call = 0;
    deps.fake.setFault(() => answers[call++] ?? "none");
    const later = new Date(WEEK.getTime() + CLAIM_MS + 60_000);
    let laterRun: DigestRunSummary | undefined;
    deps.retry = {
      ...instantRetry(),
      sleep: async () => {
        if (laterRun) return;
        deps.clock.set(later);
        laterRun = await runDigest({ ...deps, retry: instantRetry() }, { now: later });
      },
    };
    deps.clock.set(WEEK);

    const firstRun = await runDigest(deps, { now: WEEK });

    expect(await ledgerCounts(deps.db)).toEqual({ sent: 3, failed: 1 });
    expect(laterRun).toMatchObject({ sent: 3, failed: 1, recovered: 3 });
    // The first run learnt the batch was taken over: it finished nothing and leaves nothing for later.
    expect(firstRun).toMatchObject({ sent: 0, failed: 0, deferred: 0 });
  });
});

describe("a batch refused on every attempt, then refused for quota when a later run replays it", () => {
  // Nothing of it ever went out (500s, then quota): its subscribers are due again once the quota
  // resets. The replaying run used to mark it `unknown`, and they never got that week's digest.
  it("is taken off the ledger, and mailed once by a run after the quota reset", async () => {
    const readers = await givenWeek(deps.db, WEEK, 3);
    deps.retry = instantRetry(2);
    deps.fake.setFault(() => "500");
    deps.clock.set(WEEK);
    await runDigest(deps, { now: WEEK });
    expect(await ledgerCounts(deps.db)).toEqual({ sending: 3 });

    deps.fake.setFault(null);
    deps.fake.configure({ dailyQuota: 0 });
    const later = new Date(WEEK.getTime() + CLAIM_MS + 60_000);
    deps.clock.set(later);
    const refused = await runDigest(deps, { now: later });
    expect(refused).toMatchObject({ sent: 0, unknown: 0, deferred: 3 });
    expect(await ledgerCounts(deps.db)).toEqual({});

    deps.fake.configure({ dailyQuota: undefined });
    const reset = new Date(later.getTime() + 15 * 60_000);
    deps.clock.set(reset);
    const next = await runDigest(deps, { now: reset });

    expect(next).toMatchObject({ sent: 3, unknown: 0 });
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 3 });
    expect(
      digestMails(deps.fake)
        .map((m) => m.to[0])
        .sort(),
    ).toEqual(readers.map((r) => r.email).sort());
  });
});
