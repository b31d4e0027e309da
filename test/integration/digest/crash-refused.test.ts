import { like } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { deliveries } from "../../../db/schema";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { givenSubscribers } from "../../support/subscriber-factory";
import { startDigestRun, summaryOf } from "./cli";
import {
  createDigestDeps,
  givenWeek,
  ledgerCounts,
  mailsPerAddress,
  resetDigestState,
  type DigestDeps,
} from "./helpers";

const WEEK = new Date("2026-03-23T08:00:00Z");
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
  await resetDigestState(deps);
});
afterAll(() => deps.close());

/**
 * `digest run` processes SIGKILLed while Resend answers a batch that holds addresses it refuses on
 * their own: the answer (ids and refusals) is lost with the process, the ledger still says
 * `sending`. The next run replays the batch with the same key and body, and Resend replays the
 * same answer: the accepted digests become `sent` without a second mail, the refused `failed`.
 */
describe("a `digest run` killed while Resend answers a batch with refusals", () => {
  it("is finished by the next runs: the others mailed once, the refused failed with their reason", {
    timeout: 120_000,
  }, async () => {
    // One refused address at the head of each of the three batches (planned in subscriber id order).
    await givenWeek(deps.db, WEEK, 0);
    const refusedAt = new Set([0, 100, 200]);
    const subs = await givenSubscribers(
      deps.db,
      WEEK,
      Array.from({ length: 253 }, (_, i) => (refusedAt.has(i) ? { email: `early-${i}@example-.com` } : {})),
    );
    const readers = subs.filter((_, i) => !refusedAt.has(i));
    deps.fake.configure({ latencyMs: 150 });

    // The first process dies on its first batch; the second on its second call (its first is the
    // replay of the lost batch), so it dies on a new batch too.
    let now = WEEK;
    const signals: (string | null)[] = [];
    for (const request of [1, 2]) {
      deps.clock.set(now);
      const run = startDigestRun(deps, now);
      let seen = 0;
      deps.fake.setFault(() => {
        if (++seen === request) run.child.kill("SIGKILL");
        return "none";
      });
      signals.push((await run.done).signal);
      now = new Date(now.getTime() + CLAIM_MS + 60_000);
    }
    deps.fake.setFault(null);
    deps.clock.set(now);
    const last = await startDigestRun(deps, now).done;

    expect(signals).toEqual(["SIGKILL", "SIGKILL"]);
    // Exit status 1: not every due digest went out (three were refused).
    expect(last.code, last.stderr).toBe(1);
    // The last process replays the second batch (lost with the second process) and sends the third.
    expect(summaryOf(last.stdout)).toMatchObject({ sent: 99 + 52, recovered: 99, failed: 2, unknown: 0 });
    const perAddress = mailsPerAddress(deps.fake);
    expect([...perAddress.keys()].sort()).toEqual(readers.map((r) => r.email).sort());
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: 250, failed: 3 });
    const failed = await deps.db.select().from(deliveries).where(like(deliveries.error, "refused by the provider:%"));
    expect(failed).toHaveLength(3);
    expect(deps.fake.requests.filter((r) => r.replayed).length).toBeGreaterThanOrEqual(2);
  });
});
