import { afterAll, beforeAll, expect, it } from "vitest";
import { emptyWeekNotes } from "../../../db/schema";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { runDigest } from "../../../src/digest/run";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";
import { startDigestRun } from "../digest/cli";
import { createDigestDeps, resetDigestState, type DigestDeps } from "../digest/helpers";

// Issue 18.5: the empty-week note goes exactly once even when the `digest run` process sending
// it is killed (SIGKILL) while the provider is taking it, so its answer is lost with the process.
const WEEK1 = new Date("2026-03-23T08:05:00Z");
const WEEK2 = new Date(WEEK1.getTime() + 7 * 86_400_000);
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
  await resetDigestState(deps);
});
afterAll(() => deps.close());

it("a run killed mid-send leaves the note claimed; the next run after the claim lapses re-sends it, one note in the inbox", {
  timeout: 90_000,
}, async () => {
  const rust = await givenSubscriber(deps.db, WEEK1, { prefs: { stacks: ["rust"] } });
  await givenListing(deps.db, { stacks: ["go"] }, new Date(WEEK1.getTime() - 86_400_000));
  deps.clock.set(WEEK1);
  await runDigest(deps, { now: WEEK1 }); // the first empty week
  await givenListing(deps.db, { stacks: ["go"] }, new Date(WEEK2.getTime() - 86_400_000));

  deps.clock.set(WEEK2);
  deps.fake.configure({ latencyMs: 150 }); // the fake accepts after the process is gone
  const killed = startDigestRun(deps, WEEK2);
  deps.fake.setFault((req) => {
    if (req.idempotencyKey?.startsWith("empty-weeks:")) killed.child.kill("SIGKILL");
    return "none";
  });
  expect((await killed.done).signal).toBe("SIGKILL");
  deps.fake.setFault(null);
  expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "sending", subscriberId: rust.id }]);
  await expect.poll(() => deps.fake.accepted.filter((e) => e.to.includes(rust.email)).length).toBe(1); // the provider took it

  const later = new Date(WEEK2.getTime() + CLAIM_MS + 60_000);
  deps.clock.set(later);
  const finished = await startDigestRun(deps, later).done;
  expect(finished.code).toBe(0);
  expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "sent", subscriberId: rust.id }]);
  const tries = deps.fake.requests.filter((r) => r.idempotencyKey?.startsWith("empty-weeks:"));
  expect(tries.map((r) => r.replayed)).toEqual([false, true]);
  expect(deps.fake.accepted.filter((e) => e.to.includes(rust.email))).toHaveLength(1);
});
