import { describe, expect, it } from "vitest";
import { normalise } from "../../../src/listings/classify/index";
import {
  CLASSIFY_ONLY_TYPES,
  getClassifyAdapter,
  getSourceAdapter,
  SOURCE_ADAPTERS,
  SOURCE_TYPES,
  SourceParseError,
} from "../../../src/listings/sources/index";
import { NOW, readFeed } from "./support/feeds";

const ctx = { sourceName: "test" };

function parseFeed(type: string, path: string) {
  return getSourceAdapter(type)
    .parse(readFeed(path), ctx)
    .map((raw) => normalise(raw, { source: type, now: NOW }));
}

describe("remoteok adapter", () => {
  const listings = parseFeed("remoteok", "remoteok/remoteok_api_2024-12-04_excerpt.json");

  it("skips the legal notice in element 0 and reads epoch seconds", () => {
    expect(listings).toHaveLength(14);
    expect(listings.every((l) => l.id.startsWith("remoteok:"))).toBe(true);
    expect(listings.find((l) => l.sourceId === "1059082")!.postedAt).toBe("2024-12-03T00:15:02.000Z");
  });

  it("treats salary 0/0 as unknown and prefers figures stated in the text", () => {
    const axios = parseFeed("remoteok", "remoteok/remoteok_api_2024-12-04_excerpt.json").find(
      (l) => l.sourceId === "1058688",
    )!;
    expect(axios.salary).toMatchObject({ min: 200000, max: 270000, currency: "USD", period: "year" });
    const dataEntry = listings.find((l) => l.sourceId === "1058875")!;
    expect(dataEntry.salary).toMatchObject({ min: 25, max: 45, period: "hour", minUsdYear: 52000 });
  });

  it("repairs UTF-8 mojibake and drops the anti-spam footer", () => {
    const withQuote = listings.find((l) => l.sourceId === "1059236")!;
    expect(withQuote.description).toContain("grown—we’ve");
    expect(withQuote.description).not.toMatch(/â|Please mention the word/);
  });

  it("requires a followed link back to Remote OK", () => {
    expect(SOURCE_ADAPTERS.remoteok.attribution).toContain('rel="follow"');
  });
});

describe("jobicy, himalayas and weworkremotely adapters", () => {
  it("jobicy: jobGeo lists become regions and countries; HTML entities in titles are decoded", () => {
    const jobs = parseFeed("jobicy", "jobicy/jobicy_v2_remote-jobs_tag-python_2024-12-08.json");
    const growth = jobs.find((l) => l.sourceId === "112126")!;
    expect(growth.remote.scope).toBe("regions");
    expect(growth.remote.regions.sort()).toEqual(["europe", "latam"]);
    expect(growth.remote.countries.sort()).toEqual(["CA", "GB", "US"]);
    const change = parseFeed("jobicy", "jobicy/lcarlini_JobSearchAggregator__jobicy.json").find(
      (l) => l.sourceId === "150170",
    )!;
    expect(change.salary).toMatchObject({ min: 188900, max: 359800, period: "year" });
  });

  it("himalayas: reads seconds, location and time-zone restrictions", () => {
    expect(parseFeed("himalayas", "himalayas/louisinayinde_jobs__himalayas_excerpt.json")).toEqual([]);
    const raw = getSourceAdapter("himalayas").parseItem(
      {
        title: "Senior Go Engineer",
        companyName: "Acme",
        guid: "https://himalayas.app/companies/acme/jobs/go",
        applicationLink: "https://himalayas.app/companies/acme/jobs/go",
        minSalary: 0,
        maxSalary: 0,
        seniority: ["Senior"],
        locationRestrictions: ["Germany", "Poland"],
        timezoneRestrictions: [0, 1, 2],
        pubDate: 1786813232,
        expiryDate: 1791997231,
        description: "<p>Build APIs in Go.</p>",
      },
      ctx,
    );
    const listing = normalise(raw, { source: "himalayas", now: NOW });
    expect(raw.expiresAt).toBe("2026-10-14T17:00:31.000Z");
    expect(listing.salary).toBeNull();
    expect(listing.remote).toEqual({
      scope: "countries",
      regions: [],
      countries: ["DE", "PL"],
      utcOffsetMin: 0,
      utcOffsetMax: 2,
    });
  });

  it("weworkremotely: splits 'Company: Title' and lets the body's US authorization override 'Anywhere'", () => {
    const [edfinity] = parseFeed("weworkremotely", "weworkremotely/louisinayinde_jobs__wwr_programming_excerpt.xml");
    expect(edfinity).toMatchObject({
      company: "Edfinity",
      title: "Senior Software Engineer, remote",
      isBackend: true,
      stacks: ["ruby"],
      remote: { scope: "countries", countries: ["US"] },
      salary: { min: 135000, max: 195000, currency: "USD", period: "year" },
    });
  });
});

describe("hackernews adapter", () => {
  const listings = parseFeed("hackernews", "hackernews/louisinayinde_jobs__hn_thread.json");

  it("makes one listing per top-level comment with company, role and location from the first line", () => {
    expect(listings.map((l) => l.sourceId)).toEqual(["49522929", "49522989", "49523896"]);
    expect(listings[0]).toMatchObject({
      company: "Open Education Applications / Neon",
      remote: { scope: "onsite", countries: ["NL"] },
    });
    expect(listings[1]).toMatchObject({
      company: "Snout",
      title: "Multiple Engineering + Product Roles",
      url: "https://news.ycombinator.com/item?id=49522989",
    });
    expect(listings[1]!.remote.countries.sort()).toEqual(["CA", "US"]);
  });

  it("flags a comment that is not a job post", () => {
    expect(listings[2]!.scamSignals).toContain("reads like a blog post or comment, not a job");
  });

  it("accepts the official API's comment shape and reorders header segments by what they look like", () => {
    const raw = getSourceAdapter("hackernews").parseItem(
      {
        id: 1,
        by: "x",
        time: 1519923602,
        type: "comment",
        text: "New York, NY | REMOTE OK | Sr. Data Engineer | Pandora | Full-time<p>Spark and Kafka pipelines.",
      },
      ctx,
    );
    expect(raw).toMatchObject({ company: "Pandora", title: "Sr. Data Engineer", postedAt: "2018-03-01T17:00:02.000Z" });
  });

  it("reads a post its author marked closed as expired since it was posted, its header from the next line", () => {
    const parse = (text: string, time?: number) =>
      getSourceAdapter("hackernews").parseItem({ id: 2, by: "x", type: "comment", text, ...(time && { time }) }, ctx);
    const closed = parse(
      "CLOSED - thanks for the applications!<p>Acme | Remote (US) | Senior Backend Engineer | $150k<p>Go APIs.",
      1519923602,
    );
    expect(closed).toMatchObject({ company: "Acme", title: "Senior Backend Engineer", expiresAt: closed.postedAt });
    expect(parse("[Filled] Acme | Platform Engineer | Berlin<p>Kubernetes.")).toMatchObject({
      company: "Acme",
      title: "Platform Engineer",
      expiresAt: "1970-01-01T00:00:00.000Z",
    });
    expect(parse("No longer hiring.<p>Acme | SRE | Remote").expiresAt).not.toBeNull();
    // A company whose name starts with the word, and a post that only mentions closing, stay open.
    expect(parse("Closed Loop Robotics | Backend Engineer | Remote<p>We closed our round.")).toMatchObject({
      company: "Closed Loop Robotics",
      expiresAt: null,
    });
    expect(parse("Closed-Loop | Backend Engineer | Remote").expiresAt).toBeNull();
  });
});

describe("jsonld and manual adapters", () => {
  it("jsonld: finds the JobPosting among several JSON-LD blocks and reads validThrough", () => {
    const [raw] = getSourceAdapter("jsonld").parse(readFeed("jsonld/louisinayinde_jobs__japandev_job.html"), ctx);
    const listing = normalise(raw!, { source: "jsonld", now: NOW });
    expect(raw!.expiresAt).toBe("2026-10-08T00:00:00.000Z");
    expect(listing).toMatchObject({
      company: "Alpaca",
      isBackend: true,
      stacks: ["go"],
      remote: { scope: "countries", countries: ["JP"] },
    });
    expect(() => getSourceAdapter("jsonld").parse("<html><body>No data</body></html>", ctx)).toThrow(SourceParseError);
  });

  it("manual: validates the hand-written JSON and explains what is wrong", () => {
    const [raw] = getSourceAdapter("manual").parse(
      JSON.stringify({
        url: "https://acme.dev/jobs/1",
        title: "Backend Engineer (Go)",
        company: "Acme",
        description: "Remote (EU). Go APIs.",
        workplace: "remote",
        salary: { min: 90000, max: 110000, currency: "EUR" },
      }),
      ctx,
    );
    expect(raw).toMatchObject({
      sourceId: "https://acme.dev/jobs/1",
      hints: { salary: { period: "year", currency: "EUR" } },
    });
    expect(() => getSourceAdapter("manual").parse('{"title": "x"}', ctx)).toThrow(
      /manual: unexpected payload shape \(url/,
    );
    expect(getSourceAdapter("manual").fetchUrl({ board: "x" })).toBeNull();
  });
});

describe("source registry", () => {
  it("ships every configured type but not Remotive", () => {
    expect(SOURCE_TYPES).toHaveLength(13);
    expect(SOURCE_TYPES).not.toContain("remotive");
    for (const type of SOURCE_TYPES) expect(SOURCE_ADAPTERS[type].type).toBe(type);
    expect(() => getSourceAdapter("remotive")).toThrow(/Unknown source type "remotive"/);
  });

  it.each([
    ["remoteok", "{not json"],
    ["jobicy", '{"jobs": {}}'],
    ["himalayas", "[]"],
    ["hackernews", '{"title": "Ask HN"}'],
    ["weworkremotely", '{"items": []}'],
    ["manual", "not json"],
  ])("%s rejects a malformed payload with a SourceParseError", (type, payload) => {
    expect(() => getSourceAdapter(type).parse(payload, ctx)).toThrow(SourceParseError);
  });

  it("reads Remotive and Arbeitnow payloads for classify only: no source type, no URL to fetch", () => {
    for (const type of CLASSIFY_ONLY_TYPES) {
      expect(SOURCE_TYPES).not.toContain(type);
      expect(getClassifyAdapter(type).type).toBe(type);
      expect(getClassifyAdapter(type).fetchUrl({ board: "x" })).toBeNull();
    }
    expect(() => getClassifyAdapter("remotive").parse('{"jobs": {}}', ctx)).toThrow(SourceParseError);
    expect(() => getClassifyAdapter("arbeitnow").parse('{"jobs": []}', ctx)).toThrow(SourceParseError);
  });
});
