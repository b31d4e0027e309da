import { describe, expect, it } from "vitest";
import { jsonArrayUtf8, utf8 } from "../../../src/mail/transports/utf8-body";

const encode = (text: string) => new TextEncoder().encode(text);
/** Byte equality in one comparison (toEqual walks megabytes element by element, and diffs them). */
const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a.buffer, a.byteOffset, a.length).equals(b);
const hostile = ["<a href=\"x\">&amp;</a>", "caf\u00e9 \u2013 \ud83d\ude80", "\u05e9\u05dc\u05d5\u05dd \u200f", "lone \ud83d half", "\ude80 low first", "\u0000\u0007\n\t\\\"", "\u2028\u2029"];

describe("request bodies as UTF-8", () => {
  it("a batch's bytes are exactly those of its JSON.stringify, whatever the strings hold", () => {
    const items = hostile.map((s, i) => ({ to: [`dev${i}@example.com`], subject: s, html: `<p>${s}</p>`.repeat(i * 50), headers: { "X-N": String(i) }, n: i, ok: i % 2 === 0, none: null }));
    expect(jsonArrayUtf8(items)).toEqual(encode(JSON.stringify(items)));
  });

  it("items that JSON leaves out of an object show as null in the array, as JSON.stringify shows them", () => {
    const items = [1, undefined, () => 2, "three", { skipped: undefined, kept: 4 }, []];
    expect(jsonArrayUtf8(items)).toEqual(encode(JSON.stringify(items)));
    expect(jsonArrayUtf8([])).toEqual(encode("[]"));
  });

  it("a body that cannot be encoded throws and leaves nothing behind for the next one", () => {
    expect(() => jsonArrayUtf8([{ a: "x".repeat(1000) }, { b: 1n }])).toThrow(TypeError);
    expect(utf8('{"to":"a"}')).toEqual(encode('{"to":"a"}'));
    expect(() => jsonArrayUtf8([{ a: "first" }, { b: 2n }])).toThrow(TypeError);
    expect(jsonArrayUtf8([{ c: "next" }])).toEqual(encode('[{"c":"next"}]'));
  });

  it("bodies far larger than the scratch, and the small ones after them, come out whole and alone", () => {
    const big = Array.from({ length: 100 }, (_, i) => ({ html: `\u2192 ${"x".repeat(40_000)} ${i}` }));
    expect(same(jsonArrayUtf8(big), encode(JSON.stringify(big)))).toBe(true);
    expect(utf8("\ud83d\ude80 after")).toEqual(encode("\ud83d\ude80 after"));
    expect(jsonArrayUtf8([{ a: "small" }])).toEqual(encode('[{"a":"small"}]'));
    const huge = "\u2192".repeat(7_000_000); // past what the scratch keeps afterwards
    expect(same(utf8(huge), encode(huge))).toBe(true);
    expect(utf8("é")).toEqual(encode("é"));
  });
});
