import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { emptyWeekNotes } from "../../../db/schema";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { runDigest } from "../../../src/digest/run";
import type { AcceptedEmail } from "../../support/fake-resend";
import { instantRetry } from "../../support/deps";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";
import { createDigestDeps, resetDigestState, type DigestDeps } from "../digest/helpers";

// A note's send retried on 429s whose retry-after adds up past the 5-minute claim: a later run
// takes the lapsed note over and records it sent. The first run, when its retry is answered, used
// to count the note sent as well: one note mailed, two in the runs' `digest.empty_week_notes`.
const WEEK1 = new Date("2026-03-23T08:05:00Z");
const WEEK2 = new Date(WEEK1.getTime() + 7 * 86_400_000);
const isNote = (e: AcceptedEmail) => e.tags.some((t) => t.name === "kind" && t.value === "empty-weeks");

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(async () => {
  await resetDigestState(deps);
  await deps.db.delete(emptyWeekNotes);
});

const notesSentInLog = () =>
  deps.log.lines
    .filter((l) => l.includes("digest.empty_week_notes"))
    .reduce((n, l) => n + Number(/"notesSent":(\d+)/.exec(l)?.[1] ?? 0), 0);

it("is counted sent once when a later run finished it while the first still retried", async () => {
  await givenSubscriber(deps.db, WEEK1, { email: "reader@example.com", prefs: { stacks: ["rust"] } });
  await givenListing(deps.db, { stacks: ["go"] }, new Date(WEEK1.getTime() - 86_400_000));
  deps.clock.set(WEEK1);
  await runDigest(deps, { now: WEEK1 });
  await givenListing(deps.db, { stacks: ["go"] }, new Date(WEEK2.getTime() - 86_400_000));

  let first = true;
  deps.fake.setFault((req) => (first && JSON.stringify(req.body).includes("empty-weeks") ? "429" : "none"));
  const later = new Date(WEEK2.getTime() + CLAIM_MS + 60_000);
  // The first run's wait for retry-after: the claim lapses meanwhile and another run comes.
  deps.retry = {
    ...instantRetry(),
    sleep: async () => {
      if (!first) return;
      first = false;
      deps.clock.set(later);
      await runDigest({ ...deps, retry: instantRetry() }, { now: later });
    },
  };
  deps.clock.set(WEEK2);
  await runDigest(deps, { now: WEEK2 });

  expect(deps.fake.accepted.filter(isNote).map((m) => m.to[0])).toEqual(["reader@example.com"]);
  expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "sent" }]);
  expect(notesSentInLog()).toBe(1);
});
