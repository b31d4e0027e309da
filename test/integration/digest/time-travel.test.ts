import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listings, mailedFingerprints } from "../../../db/schema";
import { runDigest } from "../../../src/digest/run";
import { previewDigest } from "../../../src/digest/preview";
import { storeFetchedListings } from "../../../src/listings/store";
import { deleteSubscriberData } from "../../../src/subscribers/my-data";
import { givenListing, listingCandidate, type ListingOverrides } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";
import { createDigestDeps, digestMails, ledger, resetDigestState, type DigestDeps } from "./helpers";

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(async () => {
  await resetDigestState(deps);
  await deps.db.delete(mailedFingerprints);
});

const DAY = 86_400_000;
const WEEK1 = new Date("2026-03-23T08:00:00Z"); // Monday 08:00 UTC: the default slot
const weeks = (n: number) => new Date(WEEK1.getTime() + n * 7 * DAY);
const run = (now: Date) => runDigest(deps, { now });
/** Titles of `titles` in each digest mailed to `to`, in order. */
const mailedTitles = (to: string, titles: string[]) =>
  digestMails(deps.fake)
    .filter((m) => m.to[0] === to)
    .map((m) => titles.filter((t) => m.text!.includes(t)));
/** A full fetch of the "lever" source at `now` (what it lacks counts a miss). */
const fetchLever = (candidates: ListingOverrides[], now: Date) =>
  storeFetchedListings(deps.db, {
    sourceName: "lever",
    candidates: candidates.map((c) => listingCandidate({ source: "lever", ...c })),
    now,
    complete: true,
  });

describe("a clock that ran ahead or behind", () => {
  it("a digest with --now a month ahead does not make the real weeks after it empty", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "ahead@example.com" });
    await givenListing(deps.db, { title: "Seen a month ahead" }, new Date(weeks(4).getTime() - DAY));
    expect(await run(weeks(4))).toMatchObject({ sent: 1 });
    await givenListing(deps.db, { title: "Seen this week" }, new Date(WEEK1.getTime() - DAY));
    expect(await run(WEEK1)).toMatchObject({ sent: 1, skippedEmpty: 0 });
    await givenListing(deps.db, { title: "Seen next week" }, new Date(weeks(1).getTime() - DAY));
    expect(await run(weeks(1))).toMatchObject({ sent: 1, skippedEmpty: 0 });
    // The listing mailed by the run ahead is never mailed again.
    expect(mailedTitles(reader.email, ["Seen a month ahead", "Seen this week", "Seen next week"])).toEqual([
      ["Seen a month ahead"],
      ["Seen this week"],
      ["Seen next week"],
    ]);
  });

  it("a digest run with --now in the year 2000 mails nothing seen later, and the real week mails it once", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "past@example.com" });
    for (const title of ["Alpha API Engineer", "Bravo Go Developer"])
      await givenListing(deps.db, { title }, new Date(WEEK1.getTime() - 2 * DAY));
    // In 2000 these listings had not been seen: that run has nothing new, as it would have had then.
    expect(await run(new Date("2000-01-03T08:00:00Z"))).toMatchObject({ sent: 0 });
    expect(await run(WEEK1)).toMatchObject({ sent: 1 });
    await givenListing(deps.db, { title: "Charlie SRE" }, new Date(weeks(1).getTime() - DAY));
    expect(await run(weeks(1))).toMatchObject({ sent: 1 });
    expect(mailedTitles(reader.email, ["Alpha API Engineer", "Bravo Go Developer", "Charlie SRE"])).toEqual([
      ["Alpha API Engineer", "Bravo Go Developer"],
      ["Charlie SRE"],
    ]);
    // The operator's preview agrees: nothing new for them now.
    expect(await previewDigest(deps, { email: reader.email, now: weeks(1) })).toMatchObject({
      email: null,
      listings: 0,
    });
  });

  it("a run with --now before someone confirmed neither mails nor records a week for them", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "later@example.com" });
    await givenListing(deps.db, { title: "Alpha API Engineer" }, new Date("2025-06-01T08:00:00Z"));
    expect(await run(new Date("2025-06-02T09:00:00Z"))).toMatchObject({ due: 0, skippedEmpty: 0, sent: 0 });
    expect(await ledger(deps.db)).toEqual([]);
    expect(await run(WEEK1)).toMatchObject({ due: 1 });
    expect((await ledger(deps.db)).map((r) => r.subscriberId)).toEqual([reader.id]);
  });

  it("what was mailed stays excluded however long ago, and goes with the subscriber's data", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "long@example.com" });
    const job = await givenListing(deps.db, { title: "Long-lived Staff Engineer" }, new Date(WEEK1.getTime() - DAY));
    await run(WEEK1);
    // Twelve weeks on the same job is posted again as a new row (its old one purged): same fingerprint.
    await deps.db.delete(listings).where(eq(listings.id, job.id));
    await givenListing(
      deps.db,
      { title: job.title, company: job.company, fingerprint: job.fingerprint },
      new Date(weeks(12).getTime() - DAY),
    );
    expect(await run(weeks(12))).toMatchObject({ sent: 0, skippedEmpty: 1 });
    expect(await deps.db.$count(mailedFingerprints)).toBe(1);
    await deleteSubscriberData(deps, reader.id);
    expect(await deps.db.$count(mailedFingerprints)).toBe(0);
  });
});

describe("a listing that closed and reopened", () => {
  it("reaches a subscriber whose digest fell while it was closed, and never the one already mailed it", async () => {
    const early = await givenSubscriber(deps.db, WEEK1, { email: "early@example.com" });
    const job = { sourceId: "j-1", title: "Reopened Backend Engineer", company: "Echo", fingerprint: "fp-echo" };
    const other = { sourceId: "o-1", title: "Steady Platform Engineer", company: "Foxtrot", fingerprint: "fp-foxtrot" };
    await fetchLever([job, other], new Date(WEEK1.getTime() - DAY));
    await run(WEEK1);
    expect(mailedTitles(early.email, [job.title, other.title])).toEqual([[job.title, other.title]]);

    // The source misses it twice (closed), a new subscriber's first digest falls then, and it comes back.
    const late = await givenSubscriber(deps.db, weeks(1), { email: "late@example.com" });
    const fresh = { sourceId: "f-1", title: "Fresh Go Developer", company: "Golf", fingerprint: "fp-golf" };
    await fetchLever([other, fresh], new Date(weeks(1).getTime() - 2 * DAY));
    expect(await fetchLever([other, fresh], new Date(weeks(1).getTime() - DAY))).toMatchObject({ closed: 1 });
    await run(weeks(1));
    expect(await fetchLever([job, other, fresh], new Date(weeks(1).getTime() + 2 * DAY))).toMatchObject({
      reopened: 1,
      new: 0,
    });
    const [reopened] = await deps.db.select().from(listings).where(eq(listings.fingerprint, "fp-echo"));
    expect(reopened!.firstSeenAt).toEqual(new Date(WEEK1.getTime() - DAY)); // first seen stays the first sighting

    expect(await run(weeks(2))).toMatchObject({ sent: 1, skippedEmpty: 1 });
    const titles = [job.title, other.title, fresh.title];
    expect(mailedTitles(late.email, titles)).toEqual([[fresh.title], [job.title]]);
    expect(mailedTitles(early.email, titles)).toEqual([[job.title, other.title], [fresh.title]]);
  });
});
