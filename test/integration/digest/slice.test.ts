import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { finishLeftovers, runDigest } from "../../../src/digest/run";
import { recordingRetry } from "../../support/deps";
import {
  createDigestDeps,
  digestMails,
  expectEachMailedOnce,
  givenWeek,
  ledgerCounts,
  resetDigestState,
  type DigestDeps,
} from "./helpers";

const WEEK1 = new Date("2026-03-23T08:00:00Z");
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

/** What the Workers fan-out does (runDigest's comment): slices of the subscribers, in id order. */
describe("the weekly run in slices", () => {
  it("two slices are the whole run, nobody twice, and a slice run again mails nothing", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 250);
    const ids = subs.map((s) => s.id).sort();
    const first = { fromId: ids[0]!, toId: ids[119]! };
    const second = { fromId: ids[120]!, toId: ids.at(-1)! };
    expect(await runDigest(deps, { now: WEEK1, slice: first })).toMatchObject({ due: 120, sent: 120 });
    expect(await runDigest(deps, { now: WEEK1, slice: second })).toMatchObject({ due: 130, sent: 130 });
    expect(await runDigest(deps, { now: WEEK1, slice: first })).toMatchObject({ due: 0, sent: 0 });
    expectEachMailedOnce(deps.fake, subs);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 250 });
  });

  it("a dry run of a slice counts only that slice", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 30);
    const ids = subs.map((s) => s.id).sort();
    expect(
      await runDigest(deps, { now: WEEK1, dryRun: true, slice: { fromId: ids[10]!, toId: ids[19]! } }),
    ).toMatchObject({ due: 10, planned: 10 });
  });

  it("finishLeftovers alone resends a dead run's batch with the same request, and touches nobody else", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 3);
    deps.retry = recordingRetry(1);
    deps.fake.setFault(() => "accept-then-drop");
    expect(await runDigest(deps, { now: WEEK1 })).toMatchObject({ deferred: 3 });
    deps.fake.setFault(null);
    await givenWeek(deps.db, WEEK1, 2); // due, but not leftovers: finishLeftovers leaves them to the run
    const finished = await finishLeftovers(deps, { now: new Date(WEEK1.getTime() + CLAIM_MS + 60_000) });
    expect(finished).toMatchObject({ sent: 3, recovered: 3 });
    expect(deps.fake.requests.map((r) => r.replayed)).toEqual([false, true]);
    expectEachMailedOnce(deps.fake, subs);
    expect(digestMails(deps.fake)).toHaveLength(3);
  });
});
