import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { runDigest } from "../../../src/digest/run";
import { createDeliverer, emptySendSummary, runClock, type Deliver } from "../../../src/digest/send";
import { sendDue } from "../../../src/digest/send-due";
import { givenListing } from "../../support/listing-factory";
import { givenSubscribers } from "../../support/subscriber-factory";
import { createDigestDeps, digestMails, ledgerCounts, mailsPerAddress, resetDigestState, type DigestDeps } from "./helpers";

// The weekly run keeps several batches with the provider at once (send-due.ts): what happens to
// the others when one of them fails or is refused. Found by review; both failed before the fix.
const WEEK1 = new Date("2026-03-23T08:00:00Z");
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

async function givenWeek(n: number) {
  for (const d of [1, 2, 3]) await givenListing(deps.db, { stacks: ["go"] }, new Date(WEEK1.getTime() - d * 86_400_000));
  return givenSubscribers(deps.db, WEEK1, Array.from({ length: n }, () => ({})));
}

describe("several batches with the provider at once", () => {
  it("an error in one batch ends the run with that error, after the others are finished; nothing is mailed twice", async () => {
    const subs = await givenWeek(450);
    const summary = emptySendSummary();
    const real = createDeliverer(deps, summary, "run-a", WEEK1);
    let calls = 0;
    const deliver: Deliver = async (...args) => {
      if (calls++ === 0) throw new Error("boom: the database is busy");
      return real(...args);
    };
    const outcome = await sendDue(deps, { now: WEEK1, runId: "run-a", summary, deliver, claimTime: runClock(WEEK1) }).then(
      () => "resolved",
      (e: unknown) => String(e),
    );
    expect(outcome).toMatch(/boom/);
    // Nothing new was handed over after the failure: at most the batches already out went on.
    expect(calls).toBeLessThan(5);
    const counts = await ledgerCounts(deps.db);
    expect(Object.keys(counts).sort()).toEqual(counts.sent ? ["sending", "sent"] : ["sending"]);

    // The failed batch waits in `sending` for its claim to lapse; then a later run finishes it and everyone else, once each.
    await runDigest(deps, { now: new Date(WEEK1.getTime() + CLAIM_MS + 60_000) });
    expect(mailsPerAddress(deps.fake)).toEqual(new Map(subs.map((s) => [s.email, 1])));
  });

  it("a quota refusal loses no digest: the refused batches, and those out with them, are due again after the quota resets", async () => {
    const subs = await givenWeek(500); // five batches of 100
    deps.fake.configure({ dailyQuota: 120, latencyMs: 150 }); // slow answers: the next batches are out before the refusal comes back
    const first = await runDigest(deps, { now: WEEK1 });
    expect(first).toMatchObject({ sent: 100, failed: 0 });
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 100 });
    expect(digestMails(deps.fake)).toHaveLength(100);

    deps.fake.configure({ dailyQuota: undefined, latencyMs: 0 });
    const next = await runDigest(deps, { now: new Date(WEEK1.getTime() + 15 * 60_000) });
    expect(next).toMatchObject({ due: 400, sent: 400 });
    expect(mailsPerAddress(deps.fake)).toEqual(new Map(subs.map((s) => [s.email, 1])));
  });
});
