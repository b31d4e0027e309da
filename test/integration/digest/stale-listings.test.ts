import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listings } from "../../../db/schema";
import { runHousekeeping } from "../../../src/jobs/housekeeping";
import { runDigest } from "../../../src/digest/run";
import { addManualListing } from "../../../src/listings/manual";
import { storeFetchedListings } from "../../../src/listings/store";
import { listingCandidate } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";
import { createDigestDeps, digestMails, resetDigestState, type DigestDeps } from "./helpers";

// DESIGN.md §3: a listing closes when its expiry passes or it is older than LISTING_MAX_AGE_DAYS
// (45 by default), whichever way it came in; §4: only open listings go into a digest. Listings
// stored without an ingest (a file import, the admin API) used to stay open and be mailed.
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

const WEEK = new Date("2026-03-23T08:00:00Z"); // Monday 08:00 UTC: the default slot
const DAY = 86_400_000;
const daysBefore = (n: number) => new Date(WEEK.getTime() - n * DAY);

/** Stores listings as `import FILE` does: first seen now, whatever date the payload states. */
const imported = (rows: Parameters<typeof listingCandidate>[0][], now: Date) =>
  storeFetchedListings(deps.db, {
    sourceName: "import-remoteok-saved-json",
    candidates: rows.map((r) => listingCandidate({ source: "remoteok", ...r })),
    now,
    complete: false,
  });

const statusOf = async (title: string) =>
  (await deps.db.select().from(listings).where(eq(listings.title, title)))[0]?.closedReason ?? "open";

describe("expiry and age close listings that never went through an ingest", () => {
  it("the weekly run closes them before composing, so they are never mailed", async () => {
    const reader = await givenSubscriber(deps.db, daysBefore(3), { email: "reader@example.com" });
    await imported(
      [
        { sourceId: "old", title: "Posted Two Years Ago", postedAt: daysBefore(700) },
        { sourceId: "expired", title: "Expired Yesterday", expiresAt: daysBefore(1) },
        { sourceId: "fresh", title: "Posted This Week", postedAt: daysBefore(2) },
      ],
      daysBefore(1),
    );
    await runDigest(deps, { now: WEEK });
    const [mail] = digestMails(deps.fake).filter((m) => m.to[0] === reader.email);
    expect(mail?.text).toContain("Posted This Week");
    expect(mail?.text).not.toContain("Posted Two Years Ago");
    expect(mail?.text).not.toContain("Expired Yesterday");
    expect(await statusOf("Posted Two Years Ago")).toBe("too_old");
    expect(await statusOf("Expired Yesterday")).toBe("expired");
  });

  it("a dry run closes nothing", async () => {
    await imported([{ sourceId: "old", title: "Old But Counted", postedAt: daysBefore(700) }], daysBefore(1));
    await runDigest(deps, { now: WEEK, dryRun: true });
    expect(await statusOf("Old But Counted")).toBe("open");
  });

  it("a listing the operator adds already expired is stored closed", async () => {
    const { listing } = await addManualListing(deps.db, {
      body: {
        title: "Backend Engineer",
        company: "Hand Co",
        url: "https://example.com/jobs/1",
        expiresAt: daysBefore(400).toISOString(),
      },
      employerType: null,
      now: WEEK,
      maxAgeDays: deps.config.listingMaxAgeDays,
    });
    expect(listing).toMatchObject({ status: "closed", closedReason: "expired" });
  });

  it("the daily housekeeping closes them too, and counts them", async () => {
    await imported([{ sourceId: "old", title: "Old Import", postedAt: daysBefore(60) }], daysBefore(1));
    const summary = await runHousekeeping(deps, { now: WEEK });
    expect(summary).toMatchObject({ listingsClosedTooOld: 1, listingsClosedExpired: 0 });
    expect(await statusOf("Old Import")).toBe("too_old");
  });
});
