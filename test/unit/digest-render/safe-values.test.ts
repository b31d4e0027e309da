import { describe, expect, it } from "vitest";
import { isSafe } from "../../../src/digest/render/slots";
import { seeded } from "../../support/seeded";

// The rule isSafe checks character by character, as regular expressions (the form it had before).
const WORD = "[^ \\x00-\\x1f\\x7f\\u200b\\uE000-\\uE002\\uD800-\\uDFFF]";
const TEXT_SAFE = new RegExp(`^${WORD}+(?: ${WORD}+)*$`, "u");
const URL_SAFE = new RegExp(`^https?://${WORD}+$`, "u");
const bySpec = (value: string, kind: "text" | "url") => (kind === "url" ? URL_SAFE.test(value) : TEXT_SAFE.test(value) && !value.includes("://"));

/** Characters near every boundary the rule draws, and ordinary ones. */
const PIECES = [
  "a", "Z", "9", " ", "  ", "\t", "\n", "\r", "\x00", "\x1f", "\x7f", "\x80", "\u00a0", "\u200a", "\u200b", "\u200c", "\udfff\ud800",
  "\ue000", "\ue001", "\ue002", "\ue003", "\ud7ff", "\ud800", "\udbff", "\udc00", "\udfff", "😀", "\ud83d", "\ude00", "é", "ß", "·",
  "://", ":/", "http://", "https://", "HTTP://", "&", "<", "\"", "'", "-", "e\u0301",
];

describe("which values the fast renderer substitutes (isSafe)", () => {
  it("answers as the regular expressions stating the rule, on generated values", () => {
    const r = seeded(7);
    for (let i = 0; i < 20_000; i++) {
      const value = Array.from({ length: r.int(0, 6) }, () => r.pick(PIECES)).join("");
      for (const kind of ["text", "url"] as const) {
        const candidates = kind === "url" ? [value, `https://${value}`, `http://${value}`] : [value];
        for (const v of candidates) expect({ v, kind, safe: isSafe(v, kind) }).toEqual({ v, kind, safe: bySpec(v, kind) });
      }
    }
  });

  it("takes ordinary words and links, and refuses the edges", () => {
    expect(isSafe("Go · senior · remote worldwide", "text")).toBe(true);
    expect(isSafe("🚀 Rocket 👩‍💻 Engineer", "text")).toBe(true);
    for (const bad of ["", " a", "a ", "a  b", "a\tb", "lone \ud83d half", "see https://x.test", "\ue000x"]) expect(isSafe(bad, "text")).toBe(false);
    expect(isSafe("https://jobs.example.com/a?b=1&c=2", "url")).toBe(true);
    for (const bad of ["https://", "https://a b", "ftp://x", "javascript:alert(1)", "#frag", "/relative"]) expect(isSafe(bad, "url")).toBe(false);
    expect(isSafe("anything at all", "preview")).toBe(true);
  });
});
