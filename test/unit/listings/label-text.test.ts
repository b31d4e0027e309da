import { describe, expect, it } from "vitest";
import { plainLabel, stripMarkup } from "../../../src/listings/sources/label-text";
import { growth } from "./support/growth";

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
    expect(growth(stripMarkup, make, n)).toBeLessThan(10);
  });
});
