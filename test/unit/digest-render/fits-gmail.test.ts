import { describe, expect, it } from "vitest";
import { composeDigestEmail, createDigestComposer, type DigestContent } from "../../../src/digest/compose";
import { MAX_DIGEST_HTML_BYTES, utf8Length } from "../../../src/digest/render/size-budget";
import { LISTING_LIMITS } from "../../../src/listings/sources/bounds";
import { DEFAULT_PREFERENCES } from "../../../src/subscribers/preferences";
import { digestLinks } from "../../../src/subscribers/links";
import { createLinkSigner } from "../../../src/security/tokens";
import { listingRow } from "../../support/listing-factory";

const config = { mailFrom: "Backend Weekly <digest@example.com>", publicUrl: "https://weekly.example.com" };
// Gmail clips a message whose HTML passes 102 KB, hiding everything after, the unsubscribe link included.
const GMAIL_CLIP_BYTES = 102 * 1024;

async function digestOf(count: number, fields: { title: string; company: string; url: (i: number) => string }) {
  const items = Array.from({ length: count }, (_, i) => ({
    row: listingRow({ title: fields.title, company: fields.company, url: fields.url(i) }),
    why: "Go · senior · remote worldwide · pays up to $190k (your floor $150k)",
  }));
  const content: DigestContent = {
    email: "reader@example.com",
    prefs: DEFAULT_PREFERENCES,
    links: await digestLinks({ config, signer: await createLinkSigner(["test-secret-0123456789abcdef"]) }, "sub-1"),
    items,
    totalMatches: count,
  };
  const email = await composeDigestEmail(createDigestComposer(), config, content);
  return { email, content, bytes: Buffer.byteLength(email.html ?? "") };
}

describe("a digest always fits under Gmail's clipping point, footer included", () => {
  it("50 cards with the longest titles and companies are trimmed, keeping 'see all' and the unsubscribe link", async () => {
    // Titles and companies at their caps, made of the characters escaping makes longest.
    const { email, content, bytes } = await digestOf(50, {
      title: "&'".repeat(LISTING_LIMITS.titleChars / 2),
      company: '<"'.repeat(LISTING_LIMITS.companyChars / 2),
      url: (i) => `https://jobs.example.com/${i}/${"a".repeat(LISTING_LIMITS.urlChars - 40)}`,
    });
    expect(bytes).toBeLessThanOrEqual(MAX_DIGEST_HTML_BYTES);
    expect(bytes).toBeLessThan(GMAIL_CLIP_BYTES);
    const shown = (email.html!.match(/Apply →/g) ?? []).length;
    expect(shown).toBeGreaterThan(3);
    expect(shown).toBeLessThan(50);
    expect(email.text).toContain("See all 50 matches");
    expect(email.html).toContain(content.links.digest);
    expect(email.html).toContain(content.links.unsubscribe);
    expect(email.text).toContain(content.links.unsubscribe);
  });

  it("an ordinary 50-card digest is not trimmed", async () => {
    const { email, bytes } = await digestOf(50, {
      title: "Senior Backend Engineer (Go)",
      company: "Acme Payments",
      url: (i) => `https://boards.greenhouse.io/acme/jobs/${i}`,
    });
    expect((email.html!.match(/Apply →/g) ?? []).length).toBe(50);
    expect(bytes).toBeLessThan(MAX_DIGEST_HTML_BYTES);
  });

  it("the size estimate is an upper bound, and a close one, on real renders", async () => {
    for (const title of ["Platform Engineer", "&".repeat(300), "é🚀".repeat(100)]) {
      const { email, bytes } = await digestOf(60, {
        title,
        company: "Acme & Co",
        url: (i) => `https://x.dev/${i}?a=1&b=2`,
      });
      const shown = (email.html!.match(/Apply →/g) ?? []).length;
      expect(bytes).toBeLessThanOrEqual(MAX_DIGEST_HTML_BYTES);
      // Trimmed digests use most of the budget rather than stopping far short of it.
      if (shown < 60) expect(bytes).toBeGreaterThan(MAX_DIGEST_HTML_BYTES * 0.8);
    }
  });

  it("counts a text's UTF-8 bytes as TextEncoder writes them, lone surrogates included", () => {
    const texts = ["", "Go · senior", "café – €190k", "é🚀".repeat(3), "\u{10FFFF}x", "a\ud800b", "\udc00", "x\ud83d"];
    for (const text of texts)
      expect(utf8Length(text), JSON.stringify(text)).toBe(new TextEncoder().encode(text).length);
  });
});
