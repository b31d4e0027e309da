import { describe, expect, it } from "vitest";
import { normalise } from "../../../src/listings/classify/index";
import { SourceParseError, getSourceAdapter } from "../../../src/listings/sources/index";
import { NOW, readFeed } from "./support/feeds";

const ctx = { sourceName: "test" };

function parseFeed(type: string, path: string, company?: string) {
  const adapter = getSourceAdapter(type);
  return adapter.parse(readFeed(path), company ? { ...ctx, company } : ctx).map((raw) => ({
    raw,
    listing: normalise(raw, { source: type, now: NOW }),
  }));
}

describe("greenhouse adapter", () => {
  it("unescapes the doubly escaped content and reads the pay range from it", () => {
    const [job] = parseFeed("greenhouse", "greenhouse/ATS_Polling__greenhouse.json");
    expect(job!.listing).toMatchObject({
      id: "greenhouse:5099964007",
      title: "Clinical Coding Specialist",
      company: "SmarterDx",
      postedAt: "2026-04-06T13:38:12.000Z",
      remote: { scope: "countries", countries: ["US"] },
      salary: { min: 75000, max: 105000, currency: "USD", period: "year" },
    });
    expect(job!.listing.description).not.toMatch(/<|&lt;|&amp;/);
  });

  it("keeps an office-only job out of remote scopes", () => {
    const [job] = parseFeed("greenhouse", "greenhouse/omoji-personal_careerkit__greenhouse.json");
    expect(job!.listing.company).toBe("Amplitude");
    expect(job!.listing.remote).toEqual({ scope: "onsite", regions: [], countries: ["GB"] });
  });

  it("builds the public board URL", () => {
    expect(getSourceAdapter("greenhouse").fetchUrl({ board: "acme" })).toBe(
      "https://boards-api.greenhouse.io/v1/boards/acme/jobs?content=true",
    );
  });
});

describe("lever adapter", () => {
  it("reads millisecond timestamps, workplace type and the structured salary range", () => {
    const jobs = parseFeed("lever", "lever/ehddd3579-dot_career-page-job-monitor__lever_leverdemo.json", "Lever Demo");
    expect(jobs).toHaveLength(6);
    const remote = jobs.find((j) => j.raw.sourceId === "c559265a-55ec-4f75-ac56-78290081f6e7")!;
    expect(remote.listing.postedAt).toBe("2019-11-25T16:00:10.709Z");
    expect(remote.listing.salary).toMatchObject({ min: 10000, max: 125000, currency: "USD", period: "year" });
    expect(remote.listing.remote).toMatchObject({ scope: "countries", countries: ["NL"] });
    const hybrid = jobs.find((j) => j.raw.sourceId === "cdb8268a-ec7f-413b-9664-27b428627b5c")!;
    expect(hybrid.listing.remote.scope).toBe("onsite");
    expect(hybrid.listing.company).toBe("Lever Demo");
  });

  it("names the company from the posting URL when the source config gives none", () => {
    const [job] = parseFeed("lever", "lever/ATS_Polling__lever.json");
    expect(job!.listing.company).toBe("palantir");
    expect(getSourceAdapter("lever").fetchUrl({ board: "palantir" })).toBe(
      "https://api.lever.co/v0/postings/palantir?mode=json",
    );
  });
});

describe("ashby adapter", () => {
  it("treats Hybrid/OnSite as onsite even when isRemote is true, and a remote LatAm job as a region", () => {
    const jobs = parseFeed("ashby", "ashby/lcarlini_JobSearchAggregator__ashby.json");
    const backend = jobs.find((j) => j.raw.title.startsWith("Senior Back-end Engineer"))!;
    expect(backend.listing).toMatchObject({
      isBackend: true,
      seniority: "senior",
      remote: { scope: "regions", regions: ["latam"] },
    });
    expect(backend.listing.stacks.sort()).toEqual(["dotnet", "java", "node", "python"]);
    const [onsite] = parseFeed("ashby", "ashby/ATS_Polling__ashby.json");
    expect(onsite!.listing.remote).toEqual({ scope: "onsite", regions: [], countries: ["US"] });
  });

  it("accepts an empty board and asks for compensation in its URL", () => {
    expect(parseFeed("ashby", "ashby/ehddd3579-dot_career-page-job-monitor__ashby_ramp.json")).toEqual([]);
    expect(getSourceAdapter("ashby").fetchUrl({ board: "ramp" })).toBe(
      "https://api.ashbyhq.com/posting-api/job-board/ramp?includeCompensation=true",
    );
  });

  it("reads a Salary summary component", () => {
    const raw = getSourceAdapter("ashby").parseItem(
      {
        id: "x1",
        title: "Backend Engineer",
        jobUrl: "https://jobs.ashbyhq.com/acme/x1",
        workplaceType: "Remote",
        location: "Remote (Europe)",
        compensation: {
          summaryComponents: [
            { compensationType: "EquityPercentage", interval: "NONE", minValue: 0.1, maxValue: 0.2 },
            { compensationType: "Salary", interval: "1 YEAR", currencyCode: "EUR", minValue: 90000, maxValue: 120000 },
          ],
        },
      },
      ctx,
    );
    expect(raw.hints.salary).toEqual({ min: 90000, max: 120000, currency: "EUR", period: "year" });
  });
});

describe("workable adapter", () => {
  it("merges the widget's one-row-per-location entries into one listing", () => {
    const jobs = parseFeed("workable", "workable/omoji-personal_careerkit__workable.json");
    expect(jobs).toHaveLength(1);
    expect(jobs[0]!.listing).toMatchObject({
      id: "workable:DD136DD7E7",
      company: "Zaelab",
      remote: { scope: "countries" },
    });
    expect(jobs[0]!.listing.remote.countries.sort()).toEqual(["ES", "PT"]);
  });

  it("accepts the v3 { total, results } envelope", () => {
    expect(parseFeed("workable", "workable/louisinayinde_jobs__workable_bgprevent.json")).toEqual([]);
  });
});

describe("recruitee and smartrecruiters adapters", () => {
  it("recruitee: hybrid flag wins, structured EUR salary and experience level are read", () => {
    const [offer] = parseFeed("recruitee", "recruitee/omoji-personal_careerkit__recruitee.json");
    expect(offer!.listing).toMatchObject({
      remote: { scope: "onsite", countries: ["DE"] },
      salary: { min: 75000, max: 90000, currency: "EUR", period: "year" },
      seniority: "mid",
    });
    expect(offer!.listing.salary!.minUsdYear).toBeGreaterThan(75000);
  });

  it("smartrecruiters: a list record without description is still a listing", () => {
    const [posting] = parseFeed("smartrecruiters", "smartrecruiters/omoji-personal_careerkit__smartrecruiters.json");
    expect(posting!.listing).toMatchObject({
      url: "https://jobs.smartrecruiters.com/Knight/743999671674844",
      company: "Knight Gayles",
      description: "",
      remote: { scope: "onsite", countries: ["US"] },
    });
  });
});

describe("malformed payloads", () => {
  const cases: Array<[string, string]> = [
    ["greenhouse", "<html>502 Bad Gateway</html>"],
    ["greenhouse", '{"data": []}'],
    ["lever", '{"ok": false}'],
    ["ashby", '{"apiVersion": "1"}'],
    ["workable", "[]"],
    ["recruitee", '{"offers": "none"}'],
    ["smartrecruiters", '{"content": null}'],
  ];
  it.each(cases)("%s rejects %s with a SourceParseError naming the source", (type, payload) => {
    const parse = () => getSourceAdapter(type).parse(payload, ctx);
    expect(parse).toThrow(SourceParseError);
    expect(parse).toThrow(new RegExp(`^${type}: `));
  });

  it("an item without an id is rejected rather than stored under a made-up id", () => {
    expect(() => getSourceAdapter("greenhouse").parse('{"jobs": [{"title": "Engineer"}]}', ctx)).toThrow(
      /without an id/,
    );
  });
});
