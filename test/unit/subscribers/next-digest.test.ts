import { describe, expect, it } from "vitest";
import { describeFirstDigest } from "../../../src/subscribers/first-digest";
import { nextDigestAt, nextDigestWords, weekBefore } from "../../../src/subscribers/next-digest";

// Issue 18.5: pages and emails name the next digest by the scheduler's own rule (due.ts).
const friday9 = { timezone: "Europe/Lisbon", sendWeekday: 5, sendHour: 9 };
const words = (p: typeof friday9, now: string, opts = {}) =>
  nextDigestWords(nextDigestAt(p, new Date(now), opts), p.timezone);

describe("nextDigestAt", () => {
  it("before this week's slot: the slot's own date, in the subscriber's timezone", () => {
    expect(words(friday9, "2026-12-07T10:00:00Z")).toBe("on Friday 11 December at 09:00 (Europe/Lisbon)");
  });

  it("after this week's slot with no digest for the week yet: the next tick", () => {
    expect(words(friday9, "2026-12-11T12:00:00Z")).toBe("within the next 15 minutes");
  });

  it("after the slot when the week already has its digest row: next week's slot", () => {
    expect(words(friday9, "2026-12-11T12:00:00Z", { weeksDone: new Set(["2026-W50"]) })).toBe(
      "on Friday 18 December at 09:00 (Europe/Lisbon)",
    );
  });

  it("a slot moved later in a week that already had its digest: next week's, not this week's", () => {
    // Mailed on Monday, then moved to Sunday 23:00: the scheduler sends one digest per local week.
    const sunday23 = { timezone: "America/New_York", sendWeekday: 7, sendHour: 23 };
    expect(words(sunday23, "2026-12-07T02:30:00Z", { weeksDone: new Set(["2026-W49"]) })).toBe(
      "on Sunday 13 December at 23:00 (America/New_York)",
    );
    expect(words(sunday23, "2026-12-07T02:30:00Z")).toBe("on Sunday 6 December at 23:00 (America/New_York)");
  });

  it("while paused: the first slot after the pause, or the pause's end when its week's slot has passed", () => {
    expect(words(friday9, "2026-12-07T10:00:00Z", { pausedUntil: new Date("2026-12-21T00:00:00Z") })).toBe(
      "on Friday 25 December at 09:00 (Europe/Lisbon)",
    );
    expect(words(friday9, "2026-12-07T10:00:00Z", { pausedUntil: new Date("2026-12-26T10:30:00Z") })).toBe(
      "on Saturday 26 December at 10:30 (Europe/Lisbon)",
    );
  });

  it("keeps the wall-clock hour across a DST change (New York, 8 March 2026)", () => {
    const ny = { timezone: "America/New_York", sendWeekday: 1, sendHour: 8 };
    // A Friday in EST whose week had its digest; the next Monday is in EDT.
    const next = nextDigestAt(ny, new Date("2026-03-06T12:00:00Z"), { weeksDone: new Set(["2026-W10"]) });
    expect(next.at.toISOString()).toBe("2026-03-09T12:00:00.000Z");
  });

  it("counts ISO weeks back across a year boundary", () => {
    expect(weekBefore("2026-W50")).toBe("2026-W49");
    expect(weekBefore("2027-W01")).toBe("2026-W53");
    expect(weekBefore("2026-W01")).toBe("2025-W52");
  });
});

describe("describeFirstDigest", () => {
  const prefs = {
    focus: [],
    stacks: [],
    seniority: [],
    minSalaryUsd: null,
    includeNoSalary: true,
    country: null,
    employerTypes: [],
    includeUnknownEmployer: true,
    mustHaveKeywords: [],
    excludedKeywords: [],
    excludedCompanies: [],
    maxListings: 20,
    ...friday9,
  };

  it("promises the next tick only with something to send, and says so when filters match nothing now", () => {
    expect(describeFirstDigest(prefs, new Date("2026-12-11T12:00:00Z"), { matchesNow: 3 })).toBe(
      "within the next 15 minutes, then every Friday at 09:00 (Europe/Lisbon)",
    );
    expect(describeFirstDigest(prefs, new Date("2026-12-11T12:00:00Z"), { matchesNow: 0 })).toMatch(
      /^within the next 15 minutes if any listing matches your filters; right now none does\./,
    );
  });

  it("says the date comes from the pause while paused, so it never reads as a missed week", () => {
    const paused = { pausedUntil: new Date("2026-12-21T00:00:00Z"), matchesNow: 3 };
    expect(describeFirstDigest(prefs, new Date("2026-12-07T10:00:00Z"), paused)).toBe(
      "on Friday 25 December at 09:00 (Europe/Lisbon), once your pause ends, then every Friday at 09:00 (Europe/Lisbon)",
    );
  });
});
