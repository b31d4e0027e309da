import { describe, expect, it } from "vitest";
import { ledgerId } from "../../../src/digest/ledger-id";

describe("ledgerId", () => {
  it("is a version 7 UUID that sorts by the time it was made", () => {
    const earlier = ledgerId(Date.UTC(2026, 10, 29, 8, 0, 0));
    const later = ledgerId(Date.UTC(2026, 10, 29, 8, 0, 1));
    expect(earlier).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(earlier < later).toBe(true);
    expect(parseInt(earlier.replace(/-/g, "").slice(0, 12), 16)).toBe(Date.UTC(2026, 10, 29, 8, 0, 0));
  });

  it("differs between ids made in the same millisecond", () => {
    const ids = new Set(Array.from({ length: 1000 }, () => ledgerId(1_800_000_000_000)));
    expect(ids.size).toBe(1000);
  });
});
