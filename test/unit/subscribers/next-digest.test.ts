import { describe, expect, it } from "vitest";
import { nextDigest, nextSlotAt } from "../../../src/subscribers/next-digest";

const friday9Berlin = { timezone: "Europe/Berlin", sendWeekday: 5, sendHour: 9 };

describe("nextSlotAt", () => {
  it("is the chosen weekday and hour in the subscriber's timezone, at or after the instant", () => {
    // Sunday 6 December 2026, 23:00 UTC = Monday 00:00 in Berlin.
    expect(nextSlotAt(friday9Berlin, new Date("2026-12-06T23:00:00Z")).toISOString()).toBe("2026-12-11T08:00:00.000Z");
    expect(nextSlotAt(friday9Berlin, new Date("2026-12-11T08:00:00Z")).toISOString()).toBe("2026-12-11T08:00:00.000Z");
    expect(nextSlotAt(friday9Berlin, new Date("2026-12-11T08:01:00Z")).toISOString()).toBe("2026-12-18T08:00:00.000Z");
  });

  it("keeps the wall-clock hour across a summer-time change", () => {
    // Berlin moves to UTC+2 on Sunday 28 March 2027: Friday 2 April 09:00 is 07:00 UTC.
    expect(nextSlotAt(friday9Berlin, new Date("2027-03-27T12:00:00Z")).toISOString()).toBe("2027-04-02T07:00:00.000Z");
  });
});

describe("nextDigest (the scheduler's rule)", () => {
  const now = new Date("2026-12-09T12:00:00Z"); // Wednesday
  it("after this week's slot without a digest: at the next tick; with one: next week's slot", () => {
    const monday8 = { timezone: "UTC", sendWeekday: 1, sendHour: 8 };
    expect(nextDigest(monday8, { now, pausedUntil: null, hadDigestThisWeek: false })).toEqual({ at: now, atNextTick: true });
    expect(nextDigest(monday8, { now, pausedUntil: null, hadDigestThisWeek: true }).at.toISOString()).toBe("2026-12-14T08:00:00.000Z");
  });

  it("before this week's slot: the slot; while paused: from the end of the pause", () => {
    expect(nextDigest(friday9Berlin, { now, pausedUntil: null, hadDigestThisWeek: false }).at.toISOString()).toBe("2026-12-11T08:00:00.000Z");
    const pausedUntil = new Date("2027-01-08T08:00:00Z"); // a pause ending on their slot
    expect(nextDigest(friday9Berlin, { now, pausedUntil, hadDigestThisWeek: true })).toEqual({ at: pausedUntil, atNextTick: true });
  });
});
