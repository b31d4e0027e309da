import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../../db/client";
import { listings, suppressions } from "../../../db/schema";
import { poolSignature } from "../../../src/digest/load";
import { closeListing } from "../../../src/listings/manual";
import { createNullMailer } from "../../../src/mail/transports/null";
import { createTestDeps, type TestDeps } from "../../support/deps";
import { givenListing } from "../../support/listing-factory";

// The weekly run trusts this counter to tell it when its candidate pool is stale (load.ts): every
// kind of write to listings must move it, from the run's own connection and from any other one.
let deps: TestDeps;
let other: Database;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: createNullMailer() });
  other = await openDatabase(deps.config.databaseUrl);
});
afterAll(async () => {
  other.client.close();
  await deps.close();
});

describe("the listings' change counter", () => {
  it("moves on every insert, update and delete of a listing, whichever connection writes", async () => {
    const seen = [await poolSignature(deps.db)];
    const moved = async () => {
      const now = await poolSignature(deps.db);
      const changed = now !== seen.at(-1);
      seen.push(now);
      return changed;
    };
    const listing = await givenListing(deps.db, { title: "Counted Go Role" });
    expect(await moved()).toBe(true);
    await closeListing(deps.db, listing.id, new Date("2026-11-26T00:00:00Z"));
    expect(await moved()).toBe(true);
    await other.db.update(listings).set({ title: "Renamed elsewhere" }).where(eq(listings.id, listing.id));
    expect(await moved()).toBe(true);
    await other.db.delete(listings).where(eq(listings.id, listing.id));
    expect(await moved()).toBe(true);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("stays put when nothing about listings changes", async () => {
    const before = await poolSignature(deps.db);
    await deps.db.insert(suppressions).values({ emailHash: "x".repeat(64), reason: "bounce", createdAt: new Date() });
    await other.db.update(listings).set({ title: "nobody" }).where(eq(listings.id, "no-such-listing"));
    expect(await poolSignature(deps.db)).toBe(before);
  });
});
