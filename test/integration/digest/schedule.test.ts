import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { digestJob } from "../../../cron/digest";
import { deliveries, preferences } from "../../../db/schema";
import { dueSubscribers } from "../../../src/digest/due";
import { confirmSubscription } from "../../../src/subscribers/confirm";
import type { Preferences } from "../../../src/subscribers/preferences";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber, givenSubscribers } from "../../support/subscriber-factory";
import { createDigestDeps, digestMails, ledger, resetDigestState, ticks, type DigestDeps } from "./helpers";

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

const slot = (
  timezone: string,
  sendWeekday: number,
  sendHour: number,
  extra: Partial<Preferences> = {},
): Partial<Preferences> => ({ timezone, sendWeekday, sendHour, ...extra });

/**
 * Runs the scheduler at every tick, doing each scheduled event first, and returns which tick
 * mailed each address (as ISO strings, in order).
 */
async function runTicks(all: Date[], events: { at: string; run: () => Promise<unknown> }[] = []) {
  const mailedAt = new Map<string, string[]>();
  const pending = [...events].sort((a, b) => a.at.localeCompare(b.at));
  for (const now of all) {
    while (pending.length && new Date(pending[0]!.at) <= now) {
      const event = pending.shift()!;
      deps.clock.set(event.at);
      await event.run();
    }
    deps.clock.set(now);
    const before = digestMails(deps.fake).length;
    await digestJob(deps, { now });
    for (const mail of digestMails(deps.fake).slice(before))
      mailedAt.set(mail.to[0]!, [...(mailedAt.get(mail.to[0]!) ?? []), now.toISOString()]);
  }
  return Object.fromEntries(mailedAt);
}

describe("the due subscribers a run reads", () => {
  it("carry exactly the preferences stored, whatever their values, in id order across pages", async () => {
    const now = new Date("2026-03-23T09:00:00Z"); // Monday 09:00 UTC
    const varied: Partial<Preferences>[] = [
      {},
      {
        focus: ["platform"],
        stacks: ["go", "rust"],
        seniority: ["senior", "staff"],
        minSalaryUsd: 150_000,
        includeNoSalary: false,
        country: "DE",
        timezone: "Europe/Berlin",
        employerTypes: ["startup"],
        maxListings: 5,
      },
      {
        mustHaveKeywords: ["kafka", 'ünïcode "quoted" <b>'],
        excludedKeywords: ["crypto", "🚀"],
        excludedCompanies: ["Acme, Inc.", "מהנדס"],
        sendWeekday: 1,
        sendHour: 0,
      },
      { timezone: "Asia/Kolkata", sendHour: 14, minSalaryUsd: 0, country: null },
    ];
    const subs = await givenSubscribers(
      deps.db,
      now,
      Array.from({ length: 7 }, (_, i) => ({ prefs: { sendWeekday: 1, sendHour: 8, ...varied[i % varied.length] } })),
    );
    const stored = new Map(
      (await deps.db.select().from(preferences)).map(({ subscriberId, emptyWeekNotes: _notes, ...prefs }) => [
        subscriberId,
        prefs,
      ]),
    );
    const pages: string[][] = [];
    for await (const page of dueSubscribers(deps.db, now, { pageSize: 3 })) {
      pages.push(page.map((d) => d.id));
      for (const d of page) expect(d.prefs).toStrictEqual(stored.get(d.id));
    }
    // Everyone is due: 09:00 UTC is past each slot (14:30 in Kolkata, past its 14:00).
    expect(pages.flat()).toEqual(subs.map((s) => s.id).sort());
    expect(pages.map((p) => p.length)).toEqual([3, 3, 1]);
  });
});

describe("a week of scheduler ticks", () => {
  it("mails every due subscriber once, at their local hour, across timezones, a DST change and a half-hour offset", {
    timeout: 60_000,
  }, async () => {
    const start = new Date("2026-03-23T00:00:00Z"); // Monday; Europe moves its clocks on Sunday 29 March
    for (let d = 1; d <= 5; d++)
      await givenListing(deps.db, { stacks: ["go"] }, new Date(start.getTime() - d * 86_400_000));
    const given = (email: string, prefs: Partial<Preferences>, more: Parameters<typeof givenSubscriber>[2] = {}) =>
      givenSubscriber(deps.db, start, { email, prefs, ...more });
    await given("berlin-mon@example.com", slot("Europe/Berlin", 1, 8));
    await given("auckland-tue@example.com", slot("Pacific/Auckland", 2, 7));
    await given("kolkata-wed@example.com", slot("Asia/Kolkata", 3, 9));
    await given("utc-thu@example.com", slot("UTC", 4, 12));
    const ny = await given("newyork-fri@example.com", slot("America/New_York", 5, 17));
    await given("london-sat@example.com", slot("Europe/London", 6, 9));
    await given("berlin-sun-0200@example.com", slot("Europe/Berlin", 7, 2)); // 02:00 does not exist that Sunday
    await given("london-sun-0900@example.com", slot("Europe/London", 7, 9));
    const elixir = await given("elixir-only@example.com", slot("UTC", 2, 10, { stacks: ["elixir"] }));
    await given("paused@example.com", slot("Europe/Berlin", 1, 8), { pausedUntil: new Date("2026-04-20T00:00:00Z") });
    await given("pause-ends-wed@example.com", slot("Europe/Berlin", 1, 8), {
      pausedUntil: new Date("2026-03-25T12:00:00Z"),
    });
    await given("unsubscribed@example.com", slot("UTC", 1, 8), { status: "unsubscribed" });
    await given("never-confirmed@example.com", slot("UTC", 1, 8), { status: "pending" });
    const late = await given("confirms-thursday@example.com", slot("Europe/Berlin", 1, 8), { status: "pending" });
    // New York's slot of its current week (still W12 there at the start) was served last Friday.
    const lastFriday = new Date("2026-03-20T21:00:00Z");
    await deps.db.insert(deliveries).values({
      id: "ny-w12",
      subscriberId: ny.id,
      kind: "digest",
      period: "2026-W12",
      status: "sent",
      createdAt: lastFriday,
      updatedAt: lastFriday,
      composedAt: lastFriday,
      sentAt: lastFriday,
    });

    const mailedAt = await runTicks(ticks("2026-03-23T00:00:00Z", "2026-03-30T00:00:00Z"), [
      { at: "2026-03-26T10:07:00Z", run: () => confirmSubscription(deps, late.id) },
      {
        at: "2026-03-24T06:00:00Z",
        run: () => givenListing(deps.db, { stacks: ["go"] }, new Date("2026-03-24T06:00:00Z")),
      },
    ]);

    expect(mailedAt).toEqual({
      "berlin-mon@example.com": ["2026-03-23T07:00:00.000Z"], // 08:00 CET
      "auckland-tue@example.com": ["2026-03-23T18:00:00.000Z"], // Tuesday 07:00 NZDT is Monday evening in UTC
      "kolkata-wed@example.com": ["2026-03-25T03:30:00.000Z"], // 09:00 IST, a half-hour tick
      "pause-ends-wed@example.com": ["2026-03-25T12:00:00.000Z"], // the first tick after the pause ended
      "confirms-thursday@example.com": ["2026-03-26T10:15:00.000Z"], // the next tick after confirming
      "utc-thu@example.com": ["2026-03-26T12:00:00.000Z"],
      "newyork-fri@example.com": ["2026-03-27T21:00:00.000Z"], // 17:00 EDT
      "london-sat@example.com": ["2026-03-28T09:00:00.000Z"], // 09:00 GMT
      "berlin-sun-0200@example.com": ["2026-03-29T01:00:00.000Z"], // the skipped hour arrives with 03:00 CEST
      "london-sun-0900@example.com": ["2026-03-29T08:00:00.000Z"], // 09:00 BST, after the change
    });

    const rows = await ledger(deps.db);
    const elixirRows = rows.filter((r) => r.subscriberId === elixir.id);
    expect(elixirRows).toMatchObject([{ period: "2026-W13", status: "skipped", error: "no new matching listings" }]);
    expect(rows.filter((r) => r.status === "sent" && r.id !== "ny-w12").map((r) => r.period)).toEqual(
      Array(10).fill("2026-W13"),
    );
    expect(rows).toHaveLength(1 + 10 + 1); // last week's New York row, this week's ten sent, one skipped

    // Running again, at the last tick or later in the same week, mails nothing more.
    const again = await digestJob(deps, { now: new Date("2026-03-29T23:50:00Z") });
    expect(again).toMatchObject({ due: 0, sent: 0 });
    expect(digestMails(deps.fake)).toHaveLength(10);
  });

  it("a tick on the US fall-back night mails once even though 01:00 happens twice, and 02:00 after it", async () => {
    const start = new Date("2026-10-31T12:00:00Z");
    await givenListing(deps.db, { stacks: ["go"] }, new Date("2026-10-30T12:00:00Z"));
    await givenSubscriber(deps.db, start, { email: "ny-0100@example.com", prefs: slot("America/New_York", 7, 1) });
    await givenSubscriber(deps.db, start, { email: "ny-0200@example.com", prefs: slot("America/New_York", 7, 2) });
    const mailedAt = await runTicks(ticks("2026-10-31T12:00:00Z", "2026-11-01T12:00:00Z"));
    expect(mailedAt).toEqual({
      "ny-0100@example.com": ["2026-11-01T05:00:00.000Z"], // 01:00 EDT, the first of the two
      "ny-0200@example.com": ["2026-11-01T07:00:00.000Z"], // 02:00 EST
    });
  });

  it("ticks missed while the service was down are caught up once, at the first tick back", async () => {
    const start = new Date("2026-03-23T00:00:00Z");
    await givenListing(deps.db, { stacks: ["go"] }, new Date("2026-03-22T00:00:00Z"));
    await givenSubscriber(deps.db, start, { email: "berlin@example.com", prefs: slot("Europe/Berlin", 1, 8) });
    await givenSubscriber(deps.db, start, { email: "kolkata@example.com", prefs: slot("Asia/Kolkata", 1, 9) });
    await givenSubscriber(deps.db, start, { email: "later@example.com", prefs: slot("UTC", 1, 14) });
    const down = (t: Date) => t >= new Date("2026-03-23T02:00:00Z") && t < new Date("2026-03-23T11:00:00Z");
    const mailedAt = await runTicks(ticks("2026-03-23T00:00:00Z", "2026-03-23T18:00:00Z").filter((t) => !down(t)));
    expect(mailedAt).toEqual({
      "kolkata@example.com": ["2026-03-23T11:00:00.000Z"],
      "berlin@example.com": ["2026-03-23T11:00:00.000Z"],
      "later@example.com": ["2026-03-23T14:00:00.000Z"],
    });
  });
});
