import { describe, expect, it } from "vitest";
import { plainLabel, stripMarkup } from "../../../src/listings/sources/label-text";

// Best milliseconds per call over a few rounds (repeats each until 20 ms have passed).
function msPerCall(run: () => unknown): number {
  let best = Infinity;
  for (let round = 0; round < 5; round++) {
    const start = performance.now();
    let calls = 0;
    do {
      run();
      calls++;
    } while (performance.now() - start < 20);
    best = Math.min(best, (performance.now() - start) / calls);
  }
  return best;
}

describe("plainLabel", () => {
  it.each([
    ["Engineer &amp;lt;Go&amp;gt;", "Engineer &lt;Go&gt;"],
    ["<B>Go</B> <Rust> dev", "Go <Rust> dev"],
    ["a <!-- hidden --> b <?php echo 1 ?> c", "a b c"],
    ["<<b>b>Go", "< b>Go"],
    ["<style>p{}</style>Go <x-widget data-a=1>dev", "Go dev"],
    ["Go\u200bEngineer", "Go Engineer"],
  ])("%j reads %j", (input, expected) => {
    expect(plainLabel(input)).toBe(expected);
  });
});

describe("stripMarkup is linear on hostile input (time for 4n against n)", () => {
  const n = 64 * 1024;
  it.each([
    ["one long tag name without '>'", (size: number) => `<${"a".repeat(size)}`],
    ["one tag with long attributes without '>'", (size: number) => `<a ${"x".repeat(size)}`],
    ["many unclosed invisible elements", (size: number) => "<script>a".repeat(size / 9)],
    ["many '<' runs", (size: number) => "<a x".repeat(size / 4)],
  ])("%s", (_name, make) => {
    const small = make(n);
    const large = make(4 * n);
    msPerCall(() => stripMarkup(small));
    expect(msPerCall(() => stripMarkup(large)) / msPerCall(() => stripMarkup(small))).toBeLessThan(10);
  });
});
