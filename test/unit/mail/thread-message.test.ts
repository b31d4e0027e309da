import { describe, expect, it } from "vitest";
import type { OutgoingEmail } from "../../../src/mail/mailer";
import { packEmails, unpackEmails } from "../../../src/mail/transports/thread-message";

const message = (n: number, html: string, text: string, extra: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  to: `dev${n}@example.com`,
  from: "Backend Weekly <digest@example.com>",
  subject: `Digest ${n}`,
  html,
  text,
  ...extra,
});

describe("messages as they cross to the sending thread", () => {
  it("come back exactly as they were: bodies of any length and content, headers and tags", () => {
    const rope = ["<p>", "Caf\u00e9 \u2013 \ud83d\ude80 \u05e9\u05dc\u05d5\u05dd", "</p>"].reduce((a, b) => a + b);
    const emails = [
      message(1, rope, "Caf\u00e9 \u2013 \ud83d\ude80", { headers: { "List-Unsubscribe": "<https://x.example/u>" }, tags: [{ name: "kind", value: "digest" }] }),
      message(2, "", ""),
      message(3, "<b>&amp;</b>".repeat(5000), "\ud83d"),
      message(4, "\ude80 lone half first", "x"),
    ];
    expect(unpackEmails(structuredClone(packEmails(emails)))).toEqual(emails);
  });

  it("carry every body in one string, and the rest of each message without them", () => {
    const packed = packEmails([message(1, "<p>one</p>", "one"), message(2, "<p>two</p>", "two")]);
    expect(packed.bodies).toBe("<p>one</p>one<p>two</p>two");
    expect(packed.lengths).toEqual([10, 3, 10, 3]);
    expect(packed.messages.map((m) => [m.subject, m.html, m.text])).toEqual([["Digest 1", "", ""], ["Digest 2", "", ""]]);
  });
});
