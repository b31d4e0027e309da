import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runDigest } from "../../../src/digest/run";
import { previewDigest } from "../../../src/digest/preview";
import { addManualListing } from "../../../src/listings/manual";
import { givenSubscriber } from "../../support/subscriber-factory";
import { createDigestDeps, digestMails, resetDigestState, type DigestDeps } from "./helpers";

// A job's fingerprint includes its remote scope, so an employer's "Remote" post and a board's
// "Remote (Worldwide)" copy of it, or a repost that now says where from, were two listings: the
// same job twice in one digest, or again the week after it was mailed.
const WEEK1 = new Date("2026-03-23T08:00:00Z"); // Monday 08:00 UTC: the default slot
const WEEK2 = new Date("2026-03-30T08:00:00Z");
const dayBefore = (week: Date) => new Date(week.getTime() - 86_400_000);

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

let urls = 0;
/** A listing as the operator adds it: classified by the real classifier, fingerprint included. */
async function posted(
  at: Date,
  title: string,
  company: string,
  location: string,
  description = "Build our Elixir, Rust and Python services and the APIs on top of them.",
) {
  const body = { url: `https://jobs.example.com/${++urls}`, title, company, location, description };
  const { listing } = await addManualListing(deps.db, { body, employerType: null, now: at, maxAgeDays: 45 });
  return listing;
}

/** The cards of the digests mailed to `to`: each card's title and remote line, from the plain text. */
function cards(to: string) {
  return digestMails(deps.fake)
    .filter((m) => m.to[0] === to)
    .map((m) => [...m.text!.matchAll(/^(.+)\n.+\n.+· (Remote.*)$/gm)].map(([, title, where]) => `${title} | ${where}`));
}

describe("one job posted with and without saying where from", () => {
  it("is one card in a digest: the post that says where from", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "one-card@example.com" });
    const unstated = await posted(dayBefore(WEEK1), "Senior Elixir Engineer", "Potions", "Remote");
    const stated = await posted(dayBefore(WEEK1), "Senior Elixir Engineer", "Potions", "Remote (Worldwide)");
    expect([unstated.remote.scope, stated.remote.scope]).toEqual(["unknown", "worldwide"]);
    expect(unstated.fingerprint).not.toBe(stated.fingerprint); // two listings, as stored

    deps.clock.set(WEEK1);
    const preview = await previewDigest(deps, { email: reader.email, now: WEEK1 });
    expect(preview.totalMatches).toBe(1);
    await runDigest(deps, { now: WEEK1 });
    expect(cards(reader.email)).toEqual([["Senior Elixir Engineer | Remote, worldwide"]]);
  });

  it("mailed once, does not come back the next week under a post that says where from, nor the other way round", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "next-week@example.com" });
    await posted(dayBefore(WEEK1), "Senior Elixir Engineer", "Potions", "Remote");
    await posted(dayBefore(WEEK1), "Data Engineer", "Datafy", "Remote (Worldwide)");
    await runDigest(deps, { now: WEEK1 });

    // The reposts: one now says where from (twice, differently), the other no longer does.
    await posted(dayBefore(WEEK2), "Senior Elixir Engineer", "Potions", "Remote (Worldwide)");
    await posted(dayBefore(WEEK2), "Senior Elixir Engineer", "Potions", "Remote (US only)");
    await posted(dayBefore(WEEK2), "Data Engineer", "Datafy", "Remote");
    await posted(dayBefore(WEEK2), "Platform Engineer", "Gridline", "Remote (Worldwide)");
    await runDigest(deps, { now: WEEK2 });

    expect(cards(reader.email)).toEqual([
      ["Senior Elixir Engineer | Remote, where from not stated", "Data Engineer | Remote, worldwide"],
      ["Platform Engineer | Remote, worldwide"],
    ]);
  });

  it("the post that says where from decides who may apply: the unstated copy does not reach others", async () => {
    const berlin = await givenSubscriber(deps.db, WEEK1, { email: "berlin@example.com", prefs: { country: "DE" } });
    const boston = await givenSubscriber(deps.db, WEEK1, { email: "boston@example.com", prefs: { country: "US" } });
    await posted(dayBefore(WEEK1), "Senior Elixir Engineer", "Potions", "Remote");
    await posted(dayBefore(WEEK1), "Senior Elixir Engineer", "Potions", "Remote (US only)");
    await posted(dayBefore(WEEK1), "Platform Engineer", "Gridline", "Remote (Worldwide)");
    expect((await previewDigest(deps, { email: berlin.email, now: WEEK1 })).totalMatches).toBe(1);
    await runDigest(deps, { now: WEEK1 });
    expect(cards(berlin.email)).toEqual([["Platform Engineer | Remote, worldwide"]]);
    expect(cards(boston.email)).toEqual([
      ["Senior Elixir Engineer | Remote from United States", "Platform Engineer | Remote, worldwide"],
    ]);
  });

  it("posts of one title at one company for a region and a country stay two jobs", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "two-places@example.com" });
    await posted(dayBefore(WEEK1), "Backend Engineer", "Twofold", "Remote (US only)");
    await posted(dayBefore(WEEK1), "Backend Engineer", "Twofold", "Remote - Europe");
    await runDigest(deps, { now: WEEK1 });
    expect(cards(reader.email)[0]).toHaveLength(2);
  });

  it("is mailed as the unstated post while the post that says where from is not yet seen at the run's now", async () => {
    // The stated copy stored by a run with --now ahead (first seen next week) must not hide this
    // week's only post of the job: at this week's now it had not been seen (README "Time cannot poison").
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "not-yet@example.com" });
    await posted(dayBefore(WEEK1), "Senior Elixir Engineer", "Potions", "Remote");
    await posted(dayBefore(WEEK2), "Senior Elixir Engineer", "Potions", "Remote (Worldwide)");

    deps.clock.set(WEEK1);
    await runDigest(deps, { now: WEEK1 });
    expect(cards(reader.email)).toEqual([["Senior Elixir Engineer | Remote, where from not stated"]]);
  });

  it("is named once among the nearest misses of an empty-weeks note", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "misses@example.com", prefs: { stacks: ["rust"] } });
    const go = "Build our Go services and the APIs on top of them.";
    await posted(dayBefore(WEEK1), "Senior Go Engineer", "Gophers", "Remote", go);
    await posted(dayBefore(WEEK1), "Senior Go Engineer", "Gophers", "Remote (Worldwide)", go);
    await runDigest(deps, { now: WEEK1 });
    await runDigest(deps, { now: WEEK2 });
    const [note] = deps.fake.accepted.filter((m) => m.to[0] === reader.email);
    expect(note!.subject).toBe("Nothing matched your filters for two weeks");
    expect(note!.text!.match(/Senior Go Engineer/g)).toHaveLength(1);
  });
});
