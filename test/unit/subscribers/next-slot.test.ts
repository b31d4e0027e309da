import { describe, expect, it } from "vitest";
import { nextSlotAt } from "../../../src/subscribers/next-digest";

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
