import { describe, expect, it } from "vitest";
import { htmlToText, MAX_HTML_INPUT_CHARS } from "../../../src/listings/classify/text";
import { SOURCE_ADAPTERS, SOURCE_TYPES, type SourceType } from "../../../src/listings/sources/index";
import { parseRss } from "../../../src/listings/sources/rss";
import { growth } from "./support/growth";

// Pathological inputs of about 1 MB (4n) against a quarter of that (n). A linear parser takes
// about 4 times as long on 4n; a quadratic one 16 times (the regular expressions and the stock
// htmlparser2 stack these replaced took 9 s and 85 s on them). No timed bar: only the ratio, the
// best of a few interleaved runs each, so a busy machine slows both sides alike. Linear runs
// measured 3–6 (garbage collection grows with the input); the bar sits between that and 16.
const N = 256 * 1024;
const MAX_RATIO = 10;
const TIMEOUT_MS = 60_000;

const repeat = (unit: string) => (size: number) => unit.repeat(Math.ceil(size / unit.length));

/** Markup a poster can type into any description, title or company field. */
const HOSTILE_MARKUP: Record<string, (size: number) => string> = {
  "unclosed <li ": repeat("<li "),
  "opened, never closed, then stray closing tags": (size) => repeat("<span>")(size / 2) + repeat("</b>")(size / 2),
  "<div> nested": repeat("<div>"),
  "paragraphs": repeat("<p>a"),
  "an open tag with endless attributes": (size) => `<a ${repeat("x=1 ")(size)}>`,
  "escaped markup": repeat("&amp;lt;b&amp;gt;"),
  "unterminated comments": repeat("<!--"),
  "ampersands": repeat("&"),
  "a- pairs": repeat("a-"),
  "(YC | pipes": repeat("(YC | "),
};

// htmlToText reads at most MAX_HTML_INPUT_CHARS (256 KB), so 1 MB would only measure the cut:
// its parser is measured below the cap (64 KB against 256 KB), the adapters at 1 MB.
describe("htmlToText is linear on hostile markup", () => {
  it.each(Object.entries(HOSTILE_MARKUP))("%s", { timeout: TIMEOUT_MS }, (_name, make) => {
    expect(growth(htmlToText, make, MAX_HTML_INPUT_CHARS / 4)).toBeLessThan(MAX_RATIO);
  });
});

const HOSTILE_FEEDS: Record<string, (size: number) => string> = {
  "<item> repeated": (size) => `<rss><channel>${repeat("<item>")(size)}`,
  "items with unclosed titles": (size) => `<rss><channel>${repeat("<item><title>")(size)}`,
  "stray closing tags inside an item": (size) =>
    `<rss><channel><item>${repeat("<x>")(size / 2)}${repeat("</y>")(size / 2)}`,
  "unterminated CDATA": (size) => `<rss><channel><item><description>${repeat("<![CDATA[")(size)}`,
  "declared entities": (size) =>
    `<!DOCTYPE rss [<!ENTITY lol "lol">]><rss><channel><item><title>${repeat("&lol;")(size)}`,
};

describe("the RSS parser is linear on hostile feeds", () => {
  it.each(Object.entries(HOSTILE_FEEDS))("%s", { timeout: TIMEOUT_MS }, (_name, make) => {
    expect(growth(parseRss, make, N)).toBeLessThan(MAX_RATIO);
  });
});

// Text as an XML document must carry it.
const xmlEscape = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;");

// One item whose every text field holds the hostile text, in each source's envelope.
function jsonItem(text: string): Record<string, unknown> {
  const fields = [
    "title",
    "name",
    "position",
    "text",
    "description",
    "content",
    "descriptionPlain",
    "company",
    "location",
    "excerpt",
  ];
  return {
    id: "1",
    shortcode: "S1",
    slug: "s1",
    url: "https://example.com/1",
    ...Object.fromEntries(fields.map((key) => [key, text])),
  };
}

const PAYLOADS: Record<SourceType, (text: string) => string> = {
  greenhouse: (text) => JSON.stringify({ jobs: [jsonItem(text)] }),
  lever: (text) => JSON.stringify([jsonItem(text)]),
  ashby: (text) => JSON.stringify({ jobs: [jsonItem(text)] }),
  workable: (text) => JSON.stringify({ name: "Acme", jobs: [jsonItem(text)] }),
  recruitee: (text) => JSON.stringify({ offers: [jsonItem(text)] }),
  smartrecruiters: (text) => JSON.stringify({ content: [jsonItem(text)] }),
  remoteok: (text) => JSON.stringify([{ legal: "terms" }, jsonItem(text)]),
  himalayas: (text) =>
    JSON.stringify({ jobs: [{ ...jsonItem(text), guid: "g1", applicationLink: "https://example.com/1" }] }),
  jobicy: (text) => JSON.stringify({ jobs: [{ ...jsonItem(text), jobTitle: text, jobDescription: text }] }),
  hackernews: (text) => JSON.stringify({ id: 9, children: [{ id: 10, parent_id: 9, text }] }),
  jsonld: (text) =>
    `<html><script type="application/ld+json">${JSON.stringify({ "@type": "JobPosting", ...jsonItem(text) })}</script>${text}`,
  weworkremotely: (text) =>
    `<rss><channel><item><title>Acme: ${xmlEscape(text)}</title><link>https://example.com/1</link>` +
    `<description>${xmlEscape(text)}</description></item>`,
  manual: (text) => JSON.stringify({ ...jsonItem(text), descriptionFormat: "html" }),
};

// Stray closing tags over a deep stack, "(YC" and pipes for the Hacker News header, an unclosed
// tag eating the rest: one string, so each adapter is measured once.
const HOSTILE_FIELD = (size: number) => repeat("<span>(YC | ")(size / 2) + repeat("</b><li ")(size / 2);

describe("every source adapter parses hostile payloads in linear time", () => {
  it.each(SOURCE_TYPES)("%s", { timeout: TIMEOUT_MS }, (type) => {
    const adapter = SOURCE_ADAPTERS[type];
    const make = (size: number) => PAYLOADS[type](HOSTILE_FIELD(size));
    const parse = (payload: string) => adapter.parsePayload(payload, { sourceName: "test" });
    // The payload is one the adapter reads (not rejected at its envelope, which would be quick anyway).
    expect(parse(make(1_000)).listings).toHaveLength(1);
    expect(growth(parse, make, N)).toBeLessThan(MAX_RATIO);
  });
});
