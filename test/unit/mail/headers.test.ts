import { describe, expect, it } from "vitest";
import { listUnsubscribeHeaders, sanitizeHeaderValue } from "../../../src/mail/headers";

describe("mail headers", () => {
  it("builds both RFC 8058 headers with the signed URL in angle brackets", () => {
    expect(listUnsubscribeHeaders("https://bw.example", "unsubscribe.abc.sig")).toEqual({
      "List-Unsubscribe": "<https://bw.example/unsubscribe/unsubscribe.abc.sig>",
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
  });

  it("strips CR and LF so no value can inject a header", () => {
    expect(sanitizeHeaderValue("7 new roles\r\nBcc: victim@example.com")).toBe("7 new roles Bcc: victim@example.com");
    expect(listUnsubscribeHeaders("https://bw.example", "tok\r\nX: y")["List-Unsubscribe"]).not.toMatch(/[\r\n]/);
  });
});
