import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";
import { runDigest } from "../../../src/digest/run";
import { startDigestRun, summaryOf } from "./cli";
import { createDigestDeps, ledger, mailsPerAddress, resetDigestState, type DigestDeps } from "./helpers";

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
  await resetDigestState(deps);
});
afterAll(() => deps.close());

const logLines = (stderr: string) =>
  stderr
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .map((l) => JSON.parse(l) as { level: string; event: string; count?: number });

async function tick(at: string) {
  const run = await startDigestRun(deps, new Date(at)).done;
  expect(run.code, run.stderr).toBe(0);
  return { summary: summaryOf(run.stdout), logs: logLines(run.stderr) };
}

/**
 * Issue 17: with ticks stopped from 22:45 Sunday to 00:15 Monday UTC, a London subscriber's
 * Sunday 23:00 digest never went out (the local ISO week had rolled over) and nothing was logged.
 * Europe/London is UTC+0 in March before the 29th. The limit is 24 hours after the slot.
 */
describe("a slot missed while the service was down", () => {
  it("is sent at the next tick up to 24 hours late, with a log line; later than that it is skipped once, with another", {
    timeout: 90_000,
  }, async () => {
    for (const d of [1, 2, 3])
      await givenListing(deps.db, { stacks: ["go"] }, new Date(Date.parse("2026-03-22T12:00:00Z") - d * 86_400_000));
    const since = new Date("2026-03-16T12:00:00Z"); // confirmed on the Monday before, after week 11's slots
    const sunday = await givenSubscriber(deps.db, since, {
      email: "sunday-2300@example.com",
      prefs: { timezone: "Europe/London", sendWeekday: 7, sendHour: 23 },
    });
    const saturday = await givenSubscriber(deps.db, since, {
      email: "saturday-2300@example.com",
      prefs: { timezone: "Europe/London", sendWeekday: 6, sendHour: 23 },
    });
    // Confirmed on Monday at 00:05: last week's Saturday slot was never theirs to miss.
    const newcomer = await givenSubscriber(deps.db, new Date("2026-03-23T00:05:00Z"), {
      email: "newcomer@example.com",
      prefs: { timezone: "Europe/London", sendWeekday: 6, sendHour: 23 },
    });

    // The last tick before the outage: Saturday 22:45, nothing due yet.
    expect((await tick("2026-03-21T22:45:00Z")).summary).toMatchObject({ due: 0, sent: 0 });
    // The service is down until Monday 00:15: Sunday's slot is 1 h 15 min late, Saturday's 25 h 15 min.
    const back = await tick("2026-03-23T00:15:00Z");
    expect(back.summary).toMatchObject({ due: 1, sent: 1 });
    expect(mailsPerAddress(deps.fake)).toEqual(new Map([[sunday.email, 1]]));
    expect(back.logs.find((l) => l.event === "digest.late")).toMatchObject({ level: "warn", count: 1 });
    expect(back.logs.find((l) => l.event === "digest.slot_too_late")).toMatchObject({ level: "warn", count: 1 });
    const rows = await ledger(deps.db);
    expect(rows.map((r) => [r.subscriberId, r.period, r.status]).sort()).toEqual(
      [
        [saturday.id, "2026-W12", "skipped"],
        [sunday.id, "2026-W12", "sent"],
      ].sort(),
    );

    // The next ticks send nothing more and report nothing again; this week's slots go out as usual.
    const next = await tick("2026-03-23T00:30:00Z");
    expect(next.summary).toMatchObject({ due: 0, sent: 0 });
    expect(next.logs.filter((l) => l.event === "digest.slot_too_late" || l.event === "digest.late")).toEqual([]);
    await givenListing(deps.db, { stacks: ["go"] }, new Date("2026-03-27T12:00:00Z"));
    expect((await tick("2026-03-28T23:00:00Z")).summary).toMatchObject({ due: 2, sent: 2 });
    expect(mailsPerAddress(deps.fake)).toEqual(
      new Map([
        [sunday.email, 1],
        [saturday.email, 1],
        [newcomer.email, 1],
      ]),
    );
  });
});

describe("a dry run of a late slot", () => {
  it("counts the late digest but logs nothing, as the README says of dry runs", async () => {
    await resetDigestState(deps);
    await givenListing(deps.db, { stacks: ["go"] }, new Date("2026-04-04T12:00:00Z"));
    await givenSubscriber(deps.db, new Date("2026-03-30T12:00:00Z"), {
      email: "dry-late@example.com",
      prefs: { timezone: "UTC", sendWeekday: 7, sendHour: 23 },
    });
    deps.log.lines.length = 0;
    // Sunday 23:00's slot, counted at Monday 00:15: last week's digest, 75 minutes late.
    const summary = await runDigest(deps, { now: new Date("2026-04-06T00:15:00Z"), dryRun: true });
    expect(summary).toMatchObject({ due: 1, planned: 1 });
    expect(deps.log.lines.filter((l) => l.includes("digest.late"))).toEqual([]);
  });
});
