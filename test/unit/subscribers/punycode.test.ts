import { describe, expect, it } from "vitest";
import { decodePunycode } from "../../../src/subscribers/punycode";

/** The Punycode decoder behind the "xn--" label check of email addresses (RFC 3492 section 7.1 samples). */
describe("decodePunycode", () => {
  it.each([
    ["egbpdaj6bu4bxfgehfvwxn", "ليهمابتكلموشعربي؟"],
    ["ihqwcrb4cv8a8dqg056pqjye", "他们为什么不说中文"],
    ["3B-ww4c5e180e575a65lsy2b", "3年B組金八先生"],
    ["-> $1.00 <--", "-> $1.00 <-"],
    ["bcher-kva", "bücher"],
    ["ls8h", "💩"],
    ["zca", "ß"],
  ])("decodes %j as %j", (input, output) => {
    expect(decodePunycode(input)).toBe(output);
  });

  it.each(["zz", "b!", "99999999999999", "ab-ü"])("refuses %j, which is not Punycode", (input) => {
    expect(decodePunycode(input)).toBeNull();
  });
});
