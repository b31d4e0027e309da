import { describe, expect, it } from "vitest";
import { composeDigestEmail, createDigestComposer } from "../../../src/digest/compose";
import { DEFAULT_PREFERENCES } from "../../../src/subscribers/preferences";
import { digestLinks } from "../../../src/subscribers/links";
import { createLinkSigner } from "../../../src/security/tokens";
import { listingRow } from "../../support/listing-factory";

const config = { mailFrom: "Backend Weekly <digest@example.com>", publicUrl: "https://weekly.example.com" };

describe("the digest's Apply buttons", () => {
  it("each has an accessible name naming its job, escaped, beside the visible 'Apply →'", async () => {
    const jobs = [
      { title: "Senior Go Engineer", company: "Acme" },
      { title: 'Data "Platform" Engineer <EU>', company: "Beta & Co" },
    ];
    const email = await composeDigestEmail(createDigestComposer(), config, {
      email: "reader@example.com",
      prefs: DEFAULT_PREFERENCES,
      links: await digestLinks({ config, signer: await createLinkSigner(["test-secret-0123456789abcdef"]) }, "sub-1"),
      items: jobs.map((j, i) => ({ row: listingRow({ ...j, url: `https://jobs.example.com/${i}` }), why: "Go" })),
      totalMatches: jobs.length,
    });
    const labels = [...email.html!.matchAll(/<a [^>]*aria-label="([^"]*)"[^>]*>Apply →<\/a>/g)].map((m) => m[1]);
    expect(labels).toEqual([
      "Apply: Senior Go Engineer at Acme",
      "Apply: Data &quot;Platform&quot; Engineer &lt;EU&gt; at Beta &amp; Co",
    ]);
    expect(email.text).not.toContain("Apply: Senior"); // the plain-text part keeps its "Apply → URL" line
  });
});
