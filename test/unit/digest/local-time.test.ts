import { describe, expect, it } from "vitest";
import { isoWeekLabel, localTime, slotHasArrived } from "../../../src/digest/local-time";

const at = (iso: string) => new Date(iso);

describe("isoWeekLabel", () => {
  it.each([
    // [date, ISO week] around year boundaries, where the week year differs from the calendar year
    ["2026-01-01", "2026-W01"], // a Thursday: week 1 of its own year
    ["2025-12-29", "2026-W01"], // the Monday of that week belongs to 2026 already
    ["2025-12-28", "2025-W52"], // the Sunday before does not
    ["2027-01-01", "2026-W53"], // a Friday: still the last week of 2026, which has 53 weeks
    ["2027-01-03", "2026-W53"],
    ["2027-01-04", "2027-W01"],
    ["2024-12-30", "2025-W01"],
    ["2021-01-03", "2020-W53"],
    ["2020-12-31", "2020-W53"], // leap year with 53 weeks
    ["2026-03-29", "2026-W13"], // a Sunday ends its week: weeks start on Monday
    ["2026-03-30", "2026-W14"],
    ["2026-11-30", "2026-W49"],
  ])("%s is in %s", (date, week) => {
    const [y, m, d] = date.split("-").map(Number) as [number, number, number];
    expect(isoWeekLabel(y, m, d)).toBe(week);
  });
});

describe("localTime", () => {
  it("gives the subscriber's own wall clock, weekday and week, not UTC's", () => {
    // Sunday 2026-03-22 19:00 UTC is already Monday 08:00 of the next week in Auckland (NZDT, +13).
    expect(localTime(at("2026-03-22T19:00:00Z"), "Pacific/Auckland")).toMatchObject({
      weekday: 1,
      hour: 8,
      isoWeek: "2026-W13",
      offsetMinutes: 13 * 60,
    });
    // … and still Sunday afternoon of the week before in Los Angeles (PDT, -7).
    expect(localTime(at("2026-03-22T19:00:00Z"), "America/Los_Angeles")).toMatchObject({
      weekday: 7,
      hour: 12,
      isoWeek: "2026-W12",
      offsetMinutes: -420,
    });
  });

  it("knows half-hour offsets: 03:30 UTC is 09:00 in Kolkata", () => {
    expect(localTime(at("2026-03-25T03:29:00Z"), "Asia/Kolkata")).toMatchObject({
      weekday: 3,
      hour: 8,
      offsetMinutes: 330,
    });
    expect(localTime(at("2026-03-25T03:30:00Z"), "Asia/Kolkata")).toMatchObject({
      weekday: 3,
      hour: 9,
      offsetMinutes: 330,
    });
  });

  it("reports midnight as hour 0 of the new day", () => {
    expect(localTime(at("2026-03-23T00:00:00Z"), "UTC")).toMatchObject({
      year: 2026,
      month: 3,
      day: 23,
      weekday: 1,
      hour: 0,
      isoWeek: "2026-W13",
    });
  });

  it("follows the spring-forward change in Europe: 01:59 CET is followed by 03:00 CEST", () => {
    expect(localTime(at("2026-03-29T00:59:00Z"), "Europe/Berlin")).toMatchObject({
      weekday: 7,
      hour: 1,
      offsetMinutes: 60,
    });
    expect(localTime(at("2026-03-29T01:00:00Z"), "Europe/Berlin")).toMatchObject({
      weekday: 7,
      hour: 3,
      offsetMinutes: 120,
    });
  });

  it("follows the fall-back change in the US: 01:00 happens twice, at 05:00 and 06:00 UTC", () => {
    expect(localTime(at("2026-11-01T05:00:00Z"), "America/New_York")).toMatchObject({
      weekday: 7,
      hour: 1,
      offsetMinutes: -240,
    });
    expect(localTime(at("2026-11-01T06:00:00Z"), "America/New_York")).toMatchObject({
      weekday: 7,
      hour: 1,
      offsetMinutes: -300,
    });
    expect(localTime(at("2026-11-01T07:00:00Z"), "America/New_York")).toMatchObject({
      weekday: 7,
      hour: 2,
      offsetMinutes: -300,
    });
  });

  it("puts New Year's Eve evening in New York in the last week of the old ISO year while UTC has moved on", () => {
    expect(localTime(at("2027-01-04T03:00:00Z"), "America/New_York")).toMatchObject({
      year: 2027,
      month: 1,
      day: 3,
      weekday: 7,
      isoWeek: "2026-W53",
    });
    expect(localTime(at("2027-01-04T03:00:00Z"), "UTC").isoWeek).toBe("2027-W01");
  });
});

describe("slotHasArrived", () => {
  const monday8 = [1, 8] as const;
  it("is false before the chosen weekday and hour, true from that hour to the end of the week", () => {
    expect(slotHasArrived({ weekday: 1, hour: 7 }, ...monday8)).toBe(false);
    expect(slotHasArrived({ weekday: 1, hour: 8 }, ...monday8)).toBe(true);
    expect(slotHasArrived({ weekday: 1, hour: 23 }, ...monday8)).toBe(true);
    expect(slotHasArrived({ weekday: 7, hour: 0 }, ...monday8)).toBe(true);
  });

  it("a Sunday slot is not yet due on Saturday night", () => {
    expect(slotHasArrived({ weekday: 6, hour: 23 }, 7, 2)).toBe(false);
    expect(slotHasArrived({ weekday: 7, hour: 3 }, 7, 2)).toBe(true);
  });

  it("an hour skipped by a DST change (02:00 on the spring-forward Sunday in Berlin) arrives with the next hour", () => {
    const before = localTime(at("2026-03-29T00:45:00Z"), "Europe/Berlin");
    const after = localTime(at("2026-03-29T01:00:00Z"), "Europe/Berlin");
    expect(slotHasArrived(before, 7, 2)).toBe(false);
    expect(slotHasArrived(after, 7, 2)).toBe(true);
  });
});
