import { describe, expect, it } from "vitest";
import { fingerprint, normaliseCompany, normaliseTitle } from "../../../src/listings/classify/fingerprint";
import { classify, normalise } from "../../../src/listings/classify/index";
import { scamSignals } from "../../../src/listings/classify/scam";
import { htmlToText } from "../../../src/listings/classify/text";
import { rawListing } from "./support/raw-listing";

describe("htmlToText (the sanitiser for untrusted listing text)", () => {
  it("drops script and style contents and every attribute, keeping the words", () => {
    const html = `<p onclick="steal()">Hello <b>world</b></p><script>alert("x")</script><style>p{color:red}</style>
      <img src=x onerror="alert(document.cookie)"><a href="javascript:evil()">Apply</a>`;
    const text = htmlToText(html);
    expect(text).toBe("Hello world\n\nApply");
    expect(text).not.toMatch(/alert|onerror|onclick|javascript|color:red|<|>/);
  });

  it("strips markup that was escaped twice, so it cannot come back as a tag", () => {
    const text = htmlToText("&lt;script&gt;alert(1)&lt;/script&gt;&lt;p&gt;Rust &amp;amp; Go&lt;/p&gt;");
    expect(text).not.toMatch(/<script|alert/);
    expect(text).toBe("Rust & Go");
  });

  it("decodes entities and keeps paragraph and list breaks", () => {
    expect(
      htmlToText("<p>Caf&eacute; &#x2F; &#8220;API&#8221;&nbsp;team</p><ul><li>Go</li><li>Kafka</li></ul><p>Bye</p>"),
    ).toBe("Café / “API” team\n- Go\n- Kafka\n\nBye");
  });

  it("a listing's description comes out as plain text", () => {
    const result = classify(
      rawListing({ descriptionHtml: '<p>Build APIs</p><img src=x onerror="alert(1)"><script>evil()</script>' }),
    );
    expect(result.description).toBe("Build APIs");
  });
});

describe("fingerprint", () => {
  it("merges a cross-post: title variants, '(Remote)' suffix and company legal suffixes", () => {
    const greenhouse = fingerprint("Acme, Inc.", "Sr. Back-end Engineer (Remote)", "countries");
    const remoteok = fingerprint("ACME Inc", "Senior Backend Engineer", "countries");
    const wwr = fingerprint("Acme GmbH", "Senior Backend Engineer - Remote", "countries");
    expect(remoteok).toBe(greenhouse);
    expect(wwr).toBe(greenhouse);
    expect(normaliseTitle("Sr. Back-end Engineer (Remote)")).toBe("senior backend engineer");
    expect(normaliseCompany("Acme, Inc.")).toBe("acme");
  });

  it("keeps different jobs and different remote scopes apart", () => {
    const base = fingerprint("Acme", "Senior Backend Engineer", "countries");
    expect(fingerprint("Acme", "Senior Frontend Engineer", "countries")).not.toBe(base);
    expect(fingerprint("Acme", "Senior Backend Engineer", "onsite")).not.toBe(base);
    expect(fingerprint("Globex", "Senior Backend Engineer", "countries")).not.toBe(base);
  });

  it("gives a repost the same identity as the original", () => {
    const original = rawListing({
      sourceId: "100",
      title: "Backend Engineer (Go)",
      company: "Acme Ltd",
      location: "Remote (US)",
      postedAt: "2026-01-01T00:00:00Z",
    });
    const repost = { ...original, sourceId: "250", title: "Backend Engineer  (Go) ", postedAt: "2026-02-15T00:00:00Z" };
    const a = normalise(original, { source: "greenhouse", now: "2026-01-02T00:00:00Z" });
    const b = normalise(repost, { source: "greenhouse", now: "2026-02-16T00:00:00Z" });
    expect(a.id).not.toBe(b.id);
    expect(b.fingerprint).toBe(a.fingerprint);
    expect(a.fingerprint).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("normalise", () => {
  it("fills the contract fields", () => {
    const listing = normalise(
      rawListing({
        sourceId: "42",
        title: "Senior Python Engineer",
        location: "Remote (Europe)",
        descriptionText: "Django REST APIs.",
      }),
      {
        source: "lever",
        employerType: "startup",
        now: new Date("2026-09-10T08:00:00Z"),
      },
    );
    expect(listing).toMatchObject({
      id: "lever:42",
      source: "lever",
      sourceId: "42",
      status: "open",
      employerType: "startup",
      firstSeenAt: "2026-09-10T08:00:00.000Z",
      lastSeenAt: "2026-09-10T08:00:00.000Z",
      isBackend: true,
      focus: ["api"],
      stacks: ["python"],
      seniority: "senior",
      remote: { scope: "regions", regions: ["europe"], countries: [] },
      scamSignals: [],
    });
  });
});

describe("scam signals", () => {
  const signals = (overrides: Parameters<typeof rawListing>[0], text: string) =>
    scamSignals(rawListing(overrides), text);

  it.each([
    ["There is a $50 application fee to apply.", "asks applicants to pay a fee"],
    ["Contact our hiring manager on Telegram @hr_desk to apply.", "asks applicants to move to Telegram/WhatsApp"],
    ["Message us on WhatsApp for an interview.", "asks applicants to move to Telegram/WhatsApp"],
  ])("%s → %s", (text, reason) => {
    expect(signals({}, text)).toContain(reason);
  });

  it("flags a listing with no company, spam tags, and a blog post posing as a job", () => {
    expect(signals({ company: "" }, "We are hiring.")).toContain("no company named");
    expect(signals({ hints: { tags: Array.from({ length: 27 }, (_, i) => `t${i}`) } }, "")).toContain(
      "stuffed with 27 unrelated tags",
    );
    expect(signals({ title: "Failure Breeds Success" }, "Every leader wants to see meaningful change.")).toContain(
      "reads like a blog post or comment, not a job",
    );
  });

  it("leaves an ordinary job alone", () => {
    expect(signals({ title: "Backend Engineer" }, "You will build APIs. Salary $120k-$150k. Apply here.")).toEqual([]);
  });
});
