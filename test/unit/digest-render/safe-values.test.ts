import { describe, expect, it } from "vitest";
import { isSafe } from "../../../src/digest/render/slots";

describe("which values the fast renderer substitutes (isSafe)", () => {
  it("takes ordinary words and links, and refuses the edges", () => {
    expect(isSafe("Go · senior · remote worldwide", "text")).toBe(true);
    expect(isSafe("🚀 Rocket 👩‍💻 Engineer", "text")).toBe(true);
    for (const bad of ["", " a", "a ", "a  b", "a\tb", "lone \ud83d half", "see https://x.test", "\ue000x"])
      expect(isSafe(bad, "text")).toBe(false);
    expect(isSafe("https://jobs.example.com/a?b=1&c=2", "url")).toBe(true);
    for (const bad of ["https://", "https://a b", "ftp://x", "javascript:alert(1)", "#frag", "/relative"])
      expect(isSafe(bad, "url")).toBe(false);
    expect(isSafe("anything at all", "preview")).toBe(true);
  });
});
