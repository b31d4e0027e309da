import { describe, expect, it } from "vitest";
import { suggestAddress } from "../../../src/subscribers/email-typo";

describe("the sign-up's typo suggestion", () => {
  it.each([
    ["carol@gmial.con", "carol@gmail.com"],
    ["ann@gmail.con", "ann@gmail.com"],
    ["bo@hotmial.com", "bo@hotmail.com"],
    ["cy@yaho.com", "cy@yahoo.com"],
  ])("mends a slip in a common domain: %s → %s", (typed, meant) => {
    expect(suggestAddress(typed)).toBe(meant);
  });

  it.each(["li@163.com", "a@b.co", "jo@t.co", "dev@example.com", "x@mycompany.io"])(
    "leaves a short or unrelated domain alone: %s",
    (typed) => {
      expect(suggestAddress(typed)).toBeNull();
    },
  );
});
