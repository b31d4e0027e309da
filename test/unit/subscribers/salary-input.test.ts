import { describe, expect, it } from "vitest";
import { parseSalaryInput } from "../../../src/subscribers/salary-input";

describe("a minimum salary as typed", () => {
  it.each(["-100000", "$-5", "€ -90k", "−120k"])("says %j is negative, not an unknown currency", (typed) => {
    const read = parseSalaryInput(typed);
    expect(read.ok).toBe(false);
    expect(!read.ok && read.error).toMatch(/^A salary can't be negative\./);
  });

  it("still reads a plain figure and refuses a range with the general message", () => {
    expect(parseSalaryInput("120k")).toEqual({ ok: true, usd: 120000, note: "120k read as $120,000 a year." });
    const range = parseSalaryInput("90k-120k");
    expect(!range.ok && range.error).toMatch(/^Enter a yearly salary/);
  });
});
