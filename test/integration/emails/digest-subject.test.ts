import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Stack } from "../../../src/domain/facets";
import { runDigest } from "../../../src/digest/run";
import { createDigestDeps, digestMails, resetDigestState, type DigestDeps } from "../../integration/digest/helpers";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";

// Issue 18 (acceptance run): the subject named the two stacks most listings shared, so a
// subscriber with no stack filter read "14 new remote Python and Go roles" over Ruby, Java and
// PHP roles. It names stacks only when every listing in the digest carries one of them.
const NOW = new Date("2026-03-23T08:00:00Z"); // Monday 08:00 UTC, the default slot
let deps: DigestDeps;

beforeAll(async () => {
  deps = await createDigestDeps();
});
beforeEach(() => resetDigestState(deps));
afterAll(() => deps.close());

/** The subject of the one digest mailed to a subscriber with `stacks` over listings with these stacks. */
async function subjectFor(listingStacks: Stack[][], stacks: Stack[] = [], maxListings = 20): Promise<string> {
  for (const [i, s] of listingStacks.entries())
    await givenListing(deps.db, { title: `Role ${i}`, stacks: s }, new Date(NOW.getTime() - (i + 1) * 3_600_000));
  await givenSubscriber(deps.db, NOW, { email: "reader@example.com", prefs: { stacks, maxListings } });
  await runDigest(deps, { now: NOW });
  const mails = digestMails(deps.fake);
  expect(mails).toHaveLength(1);
  return mails[0]!.subject;
}

describe("the digest's subject line", () => {
  it("says 'backend' when the listings span more stacks than two, for a subscriber with no stack filter", async () => {
    const mix: Stack[][] = [["python"], ["go"], ["python"], ["go"], ["ruby"], ["node"], ["java"], ["php"], ["python"]];
    expect(await subjectFor(mix)).toBe("9 new remote backend roles");
  });

  it("says 'backend' when the subscriber's stacks are more than two names can cover", async () => {
    const rows: Stack[][] = [["go"], ["go"], ["node"], ["node"], ["python"]];
    expect(await subjectFor(rows, ["go", "node", "python"])).toBe("5 new remote backend roles");
  });

  it("names one or two stacks when every listing carries one of them", async () => {
    expect(await subjectFor([["go"], ["go", "rust"], ["go"]])).toBe("3 new remote Go roles");
    await resetDigestState(deps);
    expect(await subjectFor([["go"], ["python", "rust"], ["go"]])).toBe("3 new remote Go and Python roles");
  });

  it("names only the subscriber's own stacks, which every listing matched", async () => {
    const rows: Stack[][] = [["rust", "go"], ["rust", "python"], ["go"]];
    expect(await subjectFor(rows, ["go", "python"])).toBe("3 new remote Go and Python roles");
  });

  it("says 'backend' when a listing states no stack", async () => {
    expect(await subjectFor([["go"], []])).toBe("2 new remote backend roles");
  });

  it("says the email holds only the top of the week when the subscriber's per-email limit cuts it", async () => {
    // "1 new remote Go role" above "See all 5 matches" undersold the week and named the one card's stack.
    expect(await subjectFor([["go"], ["python"], ["go"], ["ruby"], ["go"]], [], 1)).toBe(
      "Your top 1 of 5 new remote backend roles",
    );
  });
});
