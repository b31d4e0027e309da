import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { seededRandom } from "../../support/fake-resend";
import { givenListing } from "../../support/listing-factory";
import { givenSubscribers } from "../../support/subscriber-factory";
import { startDigestRun, summaryOf, type CliRun } from "./cli";
import { createDigestDeps, ledgerCounts, mailsPerAddress, resetDigestState, type DigestDeps } from "./helpers";

const WEEK1 = new Date("2026-03-23T08:00:00Z");
let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
  await resetDigestState(deps);
});
afterAll(() => deps.close());

/**
 * Where each `digest run` process is killed with SIGKILL:
 * - "request N": while the fake Resend is still processing the N-th call of that process (it
 *   accepts after the client is gone: the answer is lost with the process);
 * - "after MS": at a seeded random moment after start (start-up, planning, rendering or sending).
 */
type KillPoint = { request: number } | { afterMs: number };

function runAndKill(now: Date, kill: KillPoint): CliRun {
  deps.clock.set(now);
  const run = startDigestRun(deps, now);
  if ("request" in kill) {
    let seen = 0;
    deps.fake.setFault(() => {
      if (++seen === kill.request) run.child.kill("SIGKILL");
      return "none";
    });
  } else {
    deps.fake.setFault(null);
    const timer = setTimeout(() => run.child.kill("SIGKILL"), kill.afterMs);
    void run.done.then(() => clearTimeout(timer));
  }
  return run;
}

describe("a `digest run` process killed midway", () => {
  it("restarted after the claims lapse, ends with every due subscriber mailed exactly once", {
    timeout: 90_000,
  }, async () => {
    for (const d of [1, 2, 3])
      await givenListing(deps.db, { stacks: ["go"] }, new Date(WEEK1.getTime() - d * 86_400_000));
    const subs = await givenSubscribers(
      deps.db,
      WEEK1,
      Array.from({ length: 350 }, () => ({})),
    ); // four batches
    deps.fake.configure({ latencyMs: 150 });
    const random = seededRandom(42);
    // A later process first finishes the batch its predecessor left in flight (one request), so
    // "request 2" kills it while a new batch is in flight and "request 1" while it re-sends the
    // lost one. Four batches leave each of these kills work to land in; the last kill is timed.
    const kills: KillPoint[] = [
      { request: 1 + Math.floor(random() * 2) },
      { request: 2 },
      { request: 1 },
      { afterMs: 400 + Math.round(random() * 1200) },
    ];

    let now = WEEK1;
    const outcomes: string[] = [];
    for (const kill of kills) {
      const { signal, code } = await runAndKill(now, kill).done;
      outcomes.push(signal ?? `exit ${code}`);
      now = new Date(now.getTime() + CLAIM_MS + 60_000);
    }
    // Then runs that are left alone, each after the previous one's claims lapsed, until one finds nothing left.
    deps.fake.setFault(null);
    const finals: Record<string, number>[] = [];
    for (let i = 0; i < 3; i++) {
      deps.clock.set(now);
      const result = await startDigestRun(deps, now).done;
      expect(result.code, result.stderr).toBe(0);
      finals.push(summaryOf(result.stdout));
      if (finals.at(-1)!.sent === 0 && finals.at(-1)!.due === 0) break;
      now = new Date(now.getTime() + CLAIM_MS + 60_000);
    }

    expect(outcomes.slice(0, 3), "the kills on requests landed before the end").toEqual([
      "SIGKILL",
      "SIGKILL",
      "SIGKILL",
    ]);
    const perAddress = mailsPerAddress(deps.fake);
    expect([...perAddress.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(perAddress.size).toBe(subs.length);
    expect(await ledgerCounts(deps.db)).toEqual({ sent: subs.length });
    // A batch the provider accepted while its process died was finished by a later run from the
    // ledger, with the same key and body: the provider replayed its answer instead of mailing again.
    // (Which later run finishes it depends on where the timed kill lands: the killed runs print no
    // summary, so the finals' `recovered` count is 0 when the last killed run finished it first, as
    // on a quiet CI machine once. The replay is the evidence, whichever run sent it.)
    expect(deps.fake.requests.some((r) => r.replayed)).toBe(true);
  });
});
