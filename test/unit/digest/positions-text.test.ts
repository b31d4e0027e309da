import { describe, expect, it } from "vitest";
import { decodePositions, encodePositions } from "../../../src/digest/positions-text";

describe("positions as the ledger keeps them", () => {
  it.each([[[]], [[0]], [[0, 1, 63, 64, 4095, 7, 7]], [[4096, 0, 262_143, 12]], [Array.from({ length: 300 }, (_, i) => (i * 37) % 1500)]])("round-trips %j", (list) => {
    const text = encodePositions(Int32Array.from(list));
    expect(text).toMatch(/^[2-5][A-Za-z0-9_-]*$/);
    expect(decodePositions(JSON.parse(JSON.stringify(text)) as string)).toEqual(list);
  });

  it("takes two digits a position below 4,096, and as many as the largest needs otherwise", () => {
    expect(encodePositions([1, 4095])).toHaveLength(1 + 4);
    expect(encodePositions([1, 4096])).toHaveLength(1 + 6);
    expect(encodePositions([262_144])).toHaveLength(1 + 4);
    expect(decodePositions(encodePositions([2 ** 30 - 1, 0, 262_144]))).toEqual([2 ** 30 - 1, 0, 262_144]);
    expect(() => encodePositions([2 ** 30])).toThrow(RangeError);
    for (const bad of [-1, 1.5, Number.NaN]) expect(() => encodePositions([3, bad, 1])).toThrow(RangeError);
    for (const damaged of ["", "0AB", "6ABCDEF", "2ABC", "2A*"]) expect(() => decodePositions(damaged)).toThrow(RangeError);
  });

  it("reads the JSON lists earlier versions wrote", () => {
    expect(decodePositions([3, 1, 2])).toEqual([3, 1, 2]);
  });
});
