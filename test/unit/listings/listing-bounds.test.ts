import { describe, expect, it } from "vitest";
import { toCandidates } from "../../../src/listings/candidates";
import { htmlToText } from "../../../src/listings/classify/text";
import { LISTING_LIMITS, safeApplyUrl } from "../../../src/listings/sources/bounds";
import { getSourceAdapter, SourceParseError } from "../../../src/listings/sources/index";
import { rawListing } from "./support/raw-listing";

const ctx = { sourceName: "test" };
const NOW = new Date("2026-09-10T08:00:00Z");
const job = (fields: Record<string, unknown>) => ({
  id: "1",
  position: "Backend Engineer",
  company: "Acme",
  url: "https://acme.dev/1",
  ...fields,
});

describe("apply URLs", () => {
  it.each([
    ["https://acme.dev/jobs/1?ref=x", "https://acme.dev/jobs/1?ref=x"],
    ["HTTPS://Acme.DEV/jobs/é", "https://acme.dev/jobs/%C3%A9"],
    ["http://acme.dev", "http://acme.dev/"],
  ])("%s is kept, normalised as %s", (url, href) => {
    expect(safeApplyUrl(url)).toBe(href);
  });

  it.each([
    "javascript:alert(1)",
    "ftp://acme.dev/file",
    "https://acme.dev/apply\nURGENT: your account is locked, call +1 555",
    "https://acme.dev/a b",
    "https://acme.dev/\u0007bell",
    "https://paypal.com@evil.example/login",
    "https:// ",
    "not a url",
  ])("%j is refused", (url) => {
    expect(safeApplyUrl(url)).toBeNull();
  });

  it("a listing whose apply URL is refused is rejected; a kept one is stored normalised", () => {
    const raws = [
      rawListing({ url: "https://acme.dev/a\r\nb" }),
      rawListing({ sourceId: "2", url: "HTTPS://ACME.dev/ok" }),
    ];
    const { candidates, rejected } = toCandidates(raws, { type: "lever", employerType: null, now: NOW });
    expect(rejected).toBe(1);
    expect(candidates.map((c) => c.url)).toEqual(["https://acme.dev/ok"]);
  });
});

describe("titles and companies", () => {
  it("lose bidi controls and zero-width characters, also when they arrive as entities", () => {
    const title = "Backend\u202eenignE\u202c Engineer\u200b\u2066x\u2069\u200f\u061c\ufeff&#x202E;";
    const [raw] = getSourceAdapter("remoteok").parse(
      JSON.stringify([job({ position: title, company: "Ac\u200dme\u2060" })]),
      ctx,
    );
    expect(raw!.title).toBe("BackendenignE Engineer x"); // U+200B reads as a word break
    expect(raw!.company).toBe("Acme");
    // toCandidates reads what adapters decoded: it strips, and never decodes a second time.
    const { candidates } = toCandidates([rawListing({ title: "Go\u200b \u202eDev\u2067" })], {
      type: "lever",
      employerType: null,
      now: NOW,
    });
    expect(candidates[0]!.title).toBe("Go Dev");
  });

  it("are capped (title 300, company 200 characters), as is the description", () => {
    const [raw] = getSourceAdapter("remoteok").parse(
      JSON.stringify([
        job({
          position: "T".repeat(5_000),
          company: "C".repeat(5_000),
          description: `<p>${"word ".repeat(200_000)}</p>`,
        }),
      ]),
      ctx,
    );
    expect(raw!.title).toHaveLength(LISTING_LIMITS.titleChars);
    expect(raw!.company).toHaveLength(LISTING_LIMITS.companyChars);
    expect(raw!.descriptionHtml!.length).toBeLessThanOrEqual(LISTING_LIMITS.descriptionHtmlChars);
    expect(htmlToText(raw!.descriptionHtml!).length).toBeLessThanOrEqual(LISTING_LIMITS.descriptionTextChars);
  });
});

describe("one bad item does not fail its source", () => {
  it("a non-object or id-less item is skipped and counted; the others are kept", () => {
    const payload = JSON.stringify({
      jobs: [42, null, { title: "no id" }, { id: 7, title: "Backend Engineer", absolute_url: "https://acme.dev/7" }],
    });
    const parsed = getSourceAdapter("greenhouse").parsePayload(payload, ctx);
    expect(parsed.listings.map((l) => l.sourceId)).toEqual(["7"]);
    expect(parsed.skipped).toBe(3);
    expect(parsed.problems).toEqual([
      "item is not an object (number)",
      "item is not an object (null)",
      "job without an id",
    ]);
  });

  it("a payload whose every item is malformed is a parse error naming the first problem", () => {
    expect(() => getSourceAdapter("remoteok").parsePayload("[1, 2]", ctx)).toThrow(
      /^remoteok: item is not an object \(number\)$/,
    );
  });

  it("deep JSON-LD is reported as too deeply nested, not as a stack overflow", () => {
    const deep = `${"[".repeat(200_000)}${"]".repeat(200_000)}`;
    const page = `<script type="application/ld+json">${deep}</script>`;
    expect(() => getSourceAdapter("jsonld").parse(page, ctx)).toThrow(SourceParseError);
    expect(() => getSourceAdapter("jsonld").parse(page, ctx)).toThrow(/too deeply nested/);
    const posting = `<script type="application/ld+json">{"@type":"JobPosting","title":"Go dev","url":"https://a.dev/1"}</script>`;
    expect(
      getSourceAdapter("jsonld")
        .parse(page + posting, ctx)
        .map((r) => r.title),
    ).toEqual(["Go dev"]);
  });
});

describe("RSS", () => {
  const feed = (items: string) => `<?xml version="1.0"?>
<!DOCTYPE rss [<!ENTITY lol "lol"><!ENTITY lol9 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">]>
<rss version="2.0"><channel><title>WWR</title>${items}</channel></rss>`;

  it("decodes standard entities once and never expands (nor shows) the document's own", () => {
    const item = `<item><title>Acme &amp; Co: Backend &lol9; Engineer &#233;&#x2F;</title><link>https://wwr.example/1</link>
      <description>&lt;p&gt;Caf&amp;eacute; &amp;lol9;&lt;/p&gt;</description></item>`;
    const [raw] = getSourceAdapter("weworkremotely").parse(feed(item), ctx);
    expect(raw).toMatchObject({ company: "Acme & Co", title: "Backend Engineer é/" });
    expect(htmlToText(raw!.descriptionHtml!)).toBe("Café &lol9;");
    expect(JSON.stringify(raw)).not.toContain("lollol");
  });

  it("a document with no parseable <item> is a parse error, not an empty success", () => {
    expect(() => getSourceAdapter("weworkremotely").parse(feed(""), ctx)).toThrow(/has no <item>/);
    expect(() => getSourceAdapter("weworkremotely").parse(feed("<item"), ctx)).toThrow(SourceParseError);
  });

  it("reads CDATA as written and keeps an item's first link", () => {
    const item = `<item><title><![CDATA[Acme: <b>Go</b> & Rust]]></title><link>https://wwr.example/2</link><link>https://x/</link></item>`;
    const [raw] = getSourceAdapter("weworkremotely").parse(feed(item), ctx);
    expect(raw).toMatchObject({ company: "Acme", title: "Go & Rust", url: "https://wwr.example/2" });
  });
});
