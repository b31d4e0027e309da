import { describe, expect, it } from "vitest";
import { timezoneGroups, utcOffsetLabel } from "../../../src/domain/timezones";

const WINTER = new Date("2026-12-07T12:00:00Z");
const SUMMER = new Date("2026-07-07T12:00:00Z");

// Node's ICU 78 spells a zero offset "GMT+00:00" where workerd's says "GMT": the form listed
// "Abidjan (UTC+00:00)" on Node and "Abidjan (UTC)" on Workers.
describe("utcOffsetLabel", () => {
  it("reads a zero offset as UTC", () => {
    expect(utcOffsetLabel("Africa/Abidjan", WINTER)).toBe("UTC");
    expect(utcOffsetLabel("Europe/London", WINTER)).toBe("UTC");
    expect(utcOffsetLabel("UTC", WINTER)).toBe("UTC");
  });

  it("writes other offsets with their sign and minutes", () => {
    expect(utcOffsetLabel("Europe/London", SUMMER)).toBe("UTC+01:00");
    expect(utcOffsetLabel("Asia/Kolkata", WINTER)).toBe("UTC+05:30");
    expect(utcOffsetLabel("America/Sao_Paulo", WINTER)).toBe("UTC−03:00");
  });

  it("labels the form's zero-offset zones UTC", () => {
    const labels = timezoneGroups(WINTER).flatMap((g) => g.zones.map((z) => z.label));
    expect(labels).toContain("Abidjan (UTC)");
    expect(labels.filter((l) => l.includes("+00:00") || l.includes("−00:00"))).toEqual([]);
  });
});
