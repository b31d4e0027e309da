import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { listings, mailedFingerprints } from "../../../db/schema";
import { runDigest } from "../../../src/digest/run";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";
import { createDigestDeps, digestMails, resetDigestState, type DigestDeps } from "./helpers";

// Every run closes listings past their stated expiry or the 45-day age at its `now`, and the
// closing stayed: one `digest run --now` two months ahead closed this week's listings as too old
// for good, so the real week's digest after it was empty (nothing mailed, the weeks skipped).
const DAY = 86_400_000;
const WEEK1 = new Date("2026-03-23T08:00:00Z"); // Monday 08:00 UTC: the default slot
const status = async (id: string) => (await deps.db.select().from(listings).where(eq(listings.id, id)))[0]!.status;

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(async () => {
  await resetDigestState(deps);
  await deps.db.delete(mailedFingerprints);
});

it("a run with --now two months ahead leaves this week's listings to this week's digest", async () => {
  const reader = await givenSubscriber(deps.db, WEEK1, { email: "now@example.com" });
  const aged = await givenListing(deps.db, { title: "Alpha API Engineer" }, new Date(WEEK1.getTime() - DAY));
  const expiring = await givenListing(
    deps.db,
    { title: "Bravo Go Developer", expiresAt: new Date(WEEK1.getTime() + 10 * DAY) },
    new Date(WEEK1.getTime() - DAY),
  );
  const expired = await givenListing(
    deps.db,
    { title: "Charlie SRE", expiresAt: new Date(WEEK1.getTime() - 3_600_000) },
    new Date(WEEK1.getTime() - DAY),
  );

  const ahead = new Date(WEEK1.getTime() + 60 * DAY);
  await runDigest(deps, { now: ahead });
  expect([await status(aged.id), await status(expiring.id)]).toEqual(["closed", "closed"]); // as at that moment

  expect(await runDigest(deps, { now: WEEK1 })).toMatchObject({ sent: 1, skippedEmpty: 0 });
  const titles = ["Alpha API Engineer", "Bravo Go Developer", "Charlie SRE"];
  const mailed = digestMails(deps.fake).filter((m) => m.to[0] === reader.email);
  expect(mailed.map((m) => titles.filter((t) => m.text!.includes(t)))).toEqual([titles.slice(0, 2)]);
  // Open again at the real week; the one whose expiry had passed by then stays closed.
  expect([await status(aged.id), await status(expiring.id), await status(expired.id)]).toEqual([
    "open",
    "open",
    "closed",
  ]);
});
