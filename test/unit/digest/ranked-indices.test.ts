import { describe, expect, it } from "vitest";
import { rankedIndices } from "../../../src/digest/rank";
import { seeded } from "../../support/seeded";

/** The rule, stated as a comparator: score descending, then index ascending. */
function expected(scores: number[]): number[] {
  return scores.map((_, k) => k).sort((a, b) => (scores[a] !== scores[b] ? (scores[a]! > scores[b]! ? -1 : 1) : a - b));
}

const ranked = (scores: number[]) => Array.from(rankedIndices(Float64Array.from(scores), scores.length));

describe("rankedIndices", () => {
  it("orders by score, highest first, and equal scores by index", () => {
    expect(ranked([1, 3, 2, 3, 0, 2])).toEqual([1, 3, 2, 5, 0, 4]);
    expect(ranked([])).toEqual([]);
  });

  it("tells apart scores closer than a key's resolution (they share a bucket and are re-sorted exactly)", () => {
    const base = 7.25;
    const scores = [base, base + 1e-12, base - 1e-12, base, base + 2e-12, 5, base + 1e-12];
    expect(ranked(scores)).toEqual(expected(scores));
    expect(ranked(scores)[0]).toBe(4);
  });

  it("matches the comparator on seeded scores like rankScore's, with many exact ties and near ties", () => {
    const r = seeded(11);
    for (let round = 0; round < 200; round++) {
      const n = r.int(0, 600);
      const days = Array.from({ length: 8 }, () => r.int(0, 14) * 86_400_000 + r.int(0, 3) * 1e-3);
      const scores = Array.from(
        { length: n },
        () => r.int(0, 8) + 3 * Math.max(0, 1 - r.pick(days) / 86_400_000 / 14) + (r.chance(0.5) ? 1.5 : 0),
      );
      expect(ranked(scores)).toEqual(expected(scores));
    }
  });

  it("falls back to the comparator for scores a key cannot hold: negative, huge, NaN (with NaN the order is only that of the same sort rank() uses)", () => {
    for (const scores of [
      [2, -1, 3],
      [1e9, 2, 1e9],
      [1, Number.NaN, 2],
    ])
      expect(ranked(scores)).toEqual(expected(scores));
  });

  it("falls back to the comparator for more indices than a key can hold", () => {
    const scores = Array.from({ length: 70_000 }, (_, k) => (k * 7919) % 13);
    expect(ranked(scores)).toEqual(expected(scores));
  });
});
