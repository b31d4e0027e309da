import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries } from "../../../db/schema";
import { runDigest } from "../../../src/digest/run";
import { givenSubscribers } from "../../support/subscriber-factory";
import {
  createDigestDeps,
  digestMails,
  givenWeek,
  ledgerCounts,
  mailedFingerprintCount,
  resetDigestState,
  type DigestDeps,
} from "./helpers";

const WEEK = new Date("2026-03-23T08:00:00Z");
// Stored before sign-up refused a domain label ending in a hyphen; Resend refuses it as invalid.
const REFUSED = "early-reader@example-.com";

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

describe("an address the provider refuses inside a batch", () => {
  it("costs only its own digest: the rest of the batch is mailed, and the refused one is failed with its reason", async () => {
    const readers = await givenWeek(deps.db, WEEK, 4);
    const [refused] = await givenSubscribers(deps.db, WEEK, [{ email: REFUSED }]);
    deps.clock.set(WEEK);

    const summary = await runDigest(deps, { now: WEEK });

    expect(
      digestMails(deps.fake)
        .map((e) => e.to[0])
        .sort(),
    ).toEqual(readers.map((r) => r.email).sort());
    expect(deps.fake.requests.filter((r) => r.path === "/emails/batch")).toHaveLength(1);
    expect(summary).toMatchObject({ sent: 4, failed: 1 });
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 4, failed: 1 });
    const [row] = await deps.db.select().from(deliveries).where(eq(deliveries.subscriberId, refused!.id));
    expect(row!.error).toMatch(/^refused by the provider: Invalid `to` field/);
    // "Never mailed before" counts only what Resend took.
    expect(await mailedFingerprintCount(deps.db)).toBe(4 * 3);
    // The log counts the refusal and never names the address.
    expect(deps.log.lines.some((l) => l.includes("digest.messages_refused") && l.includes('"refused":1'))).toBe(true);
    expect(deps.log.lines.join("\n")).not.toContain(REFUSED);
  });

  it("is not mailed again, nor are the others, by the next tick of the same week", async () => {
    await givenWeek(deps.db, WEEK, 2);
    await givenSubscribers(deps.db, WEEK, [{ email: REFUSED }]);
    deps.clock.set(WEEK);
    await runDigest(deps, { now: WEEK });
    const later = new Date(WEEK.getTime() + 15 * 60_000);
    deps.clock.set(later);

    const again = await runDigest(deps, { now: later });

    expect(again).toMatchObject({ sent: 0, failed: 0 });
    expect(digestMails(deps.fake)).toHaveLength(2);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 2, failed: 1 });
  });
});
