import { describe, expect, it } from "vitest";
import { packMessage, unpackMessage } from "../../../src/digest/stored-message";
import type { OutgoingEmail } from "../../../src/mail/mailer";
import { packMessageWithZlib } from "../../../src/node/pack-message";

const email: OutgoingEmail = {
  to: "ada@example.com",
  from: "Backend Weekly <digest@weekly.example.com>",
  subject: "20 new remote Go roles",
  html: `<!DOCTYPE html><html><body>${'<p style="margin:0">Apply → €120k–€150k</p>'.repeat(400)}</body></html>`,
  text: "Backend Weekly\n\nApply → https://jobs.example.com/1\n".repeat(100),
  headers: { "List-Unsubscribe": "<https://weekly.example.com/u/abc>" },
  tags: [{ name: "kind", value: "digest" }],
};

describe("stored messages", () => {
  it("reads what the Node packer (zlib) stored as what the portable packer stored", async () => {
    const [fromZlib, fromStream] = await Promise.all([packMessageWithZlib(email), packMessage(email)]);
    expect(await unpackMessage(fromZlib)).toEqual(email);
    expect(await unpackMessage(fromStream)).toEqual(email);
    expect(fromZlib.length).toBeLessThan((email.html.length + email.text.length) / 10);
  });

  it("refuses damaged content instead of resending something else", async () => {
    const packed = await packMessageWithZlib(email);
    await expect(unpackMessage(packed.subarray(0, packed.length >> 1))).rejects.toThrow();
  });
});
