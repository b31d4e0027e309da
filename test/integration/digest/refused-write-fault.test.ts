import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveries } from "../../../db/schema";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { runDigest } from "../../../src/digest/run";
import { givenSubscribers } from "../../support/subscriber-factory";
import { createDigestDeps, digestMails, givenWeek, ledgerCounts, resetDigestState, type DigestDeps } from "./helpers";

const WEEK = new Date("2026-03-23T08:00:00Z");
// Resend refuses a domain label ending in a hyphen, on its own, while it sends the rest of the batch.
const REFUSED = "early-reader@example-.com";

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(async () => {
  await deps.database.client.execute("DROP TRIGGER IF EXISTS fail_marking_failed");
  await resetDigestState(deps);
});

/**
 * The database stops taking writes (disk full, a read-only file) right after Resend answered a batch
 * with one refusal: the write that records the refusal fails. What a run records of that answer must
 * be all of it or none of it; the next run replays the batch with the same key and body, so Resend
 * replays its answer instead of refusing a different body (409) and leaving the refused one `unknown`.
 */
describe("a batch with a refusal whose ledger update fails midway", () => {
  it("is recorded whole by the next run: the others sent once, the refused one failed with its reason", async () => {
    const readers = await givenWeek(deps.db, WEEK, 4);
    const [refused] = await givenSubscribers(deps.db, WEEK, [{ email: REFUSED }]);
    await deps.database.client.execute(`CREATE TRIGGER fail_marking_failed BEFORE UPDATE OF status ON deliveries
      WHEN NEW.status = 'failed' BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END`);
    deps.clock.set(WEEK);

    await expect(runDigest(deps, { now: WEEK })).rejects.toThrow();
    // Nothing half-recorded: the batch is still `sending` as one, under the dead run's claim.
    expect(await ledgerCounts(deps.db)).toEqual({ sending: 5 });

    await deps.database.client.execute("DROP TRIGGER fail_marking_failed");
    const later = new Date(WEEK.getTime() + CLAIM_MS + 60_000);
    deps.clock.set(later);
    const next = await runDigest(deps, { now: later });

    expect(next).toMatchObject({ sent: 4, recovered: 4, failed: 1, unknown: 0 });
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 4, failed: 1 });
    const [row] = await deps.db.select().from(deliveries).where(eq(deliveries.subscriberId, refused!.id));
    expect(row!.error).toMatch(/^refused by the provider: Invalid `to` field/);
    expect(
      digestMails(deps.fake)
        .map((e) => e.to[0])
        .sort(),
    ).toEqual(readers.map((r) => r.email).sort());
    expect(deps.fake.requests.filter((r) => r.path === "/emails/batch").map((r) => r.replayed)).toEqual([false, true]);
  });
});
