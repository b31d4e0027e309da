import { and, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries, deliveryContents } from "../../../db/schema";
import { latestDigest } from "../../../src/digest/latest";
import { runDigest } from "../../../src/digest/run";
import { runHousekeeping } from "../../../src/jobs/housekeeping";
import { givenListing } from "../../support/listing-factory";
import { createDigestDeps, givenWeek, resetDigestState, type DigestDeps } from "./helpers";

const WEEK1 = new Date("2026-03-23T08:00:00Z");
const WEEK2 = new Date("2026-03-30T08:00:00Z");
const HOUR = 3_600_000;
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

const rowOf = async (subscriberId: string, period: string) =>
  (
    await deps.db
      .select()
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, subscriberId), eq(deliveries.period, period)))
  )[0]!;
const hasContent = async (deliveryId: string) =>
  (await deps.db.$count(deliveryContents, eq(deliveryContents.deliveryId, deliveryId))) === 1;
const setStatus = (id: string, status: "failed" | "sending") =>
  deps.db.update(deliveries).set({ status }).where(eq(deliveries.id, id));

describe("retention of stored digest messages", () => {
  it("prunes content once a row is final and past the 24-hour key window, keeping each subscriber's latest digest and any row still sending", async () => {
    const [a, b] = await givenWeek(deps.db, WEEK1, 2);
    await runDigest(deps, { now: WEEK1 });
    for (const d of [1, 2]) await givenListing(deps.db, { stacks: ["go"] }, new Date(WEEK2.getTime() - d * 86_400_000));
    expect(await runDigest(deps, { now: WEEK2 })).toMatchObject({ sent: 2 });
    const [a1, a2, b1, b2] = [
      await rowOf(a!.id, "2026-W13"),
      await rowOf(a!.id, "2026-W14"),
      await rowOf(b!.id, "2026-W13"),
      await rowOf(b!.id, "2026-W14"),
    ];
    await setStatus(b2!.id, "failed"); // b's latest sent digest is now last week's

    const soon = await runHousekeeping(deps, { now: new Date(WEEK2.getTime() + HOUR) });
    expect(soon.ledgerContentsPruned).toBe(1);
    expect([
      await hasContent(a1.id),
      await hasContent(a2.id),
      await hasContent(b1.id),
      await hasContent(b2.id),
    ]).toEqual([false, true, true, true]);

    await setStatus(a2.id, "sending"); // as a dead run leaves it: a retry may still need the exact bytes
    const later = await runHousekeeping(deps, { now: new Date(WEEK2.getTime() + 25 * HOUR) });
    expect(later.ledgerContentsPruned).toBe(1);
    expect([await hasContent(a2.id), await hasContent(b1.id), await hasContent(b2.id)]).toEqual([true, true, false]);
    // The see-all page of b's latest digest still lists every match; the rows themselves all stay.
    expect((await latestDigest(deps.db, b!.id))!.listings.length).toBe(3);
    expect(await deps.db.$count(deliveries)).toBe(4);
    expect((await runHousekeeping(deps, { now: new Date(WEEK2.getTime() + 26 * HOUR) })).ledgerContentsPruned).toBe(0);
  });
});
