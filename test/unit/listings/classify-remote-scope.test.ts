import { describe, expect, it } from "vitest";
import { classifyRemote } from "../../../src/listings/classify/remote";
import { rawListing } from "./support/raw-listing";

// Issue 15 item 3: remote scope from the most specific restriction stated anywhere, `unknown` rather
// than a guess. Every example is invented, written from the labelling rules in
// test/fixtures/labelled/README.md ("### remote").

describe("an office field with no remote mention is on-site in the office's country", () => {
  it.each([
    ["SF / NY", ["US"]],
    ["SF", ["US"]],
  ])("%s", (location, countries) => {
    const got = classifyRemote(rawListing({ location }), "You will build our billing APIs.");
    expect(got).toMatchObject({ scope: "onsite", countries });
  });
});

describe("a free-text post that names only its office city, with no remote word, is on-site there", () => {
  it("finds the office country in the text", () => {
    const text = "Acme | Backend engineers | Full time\nJoin our team in Lisbon building payment APIs in Go.";
    expect(classifyRemote(rawListing({ title: "Backend engineers" }), text)).toMatchObject({
      scope: "onsite",
      countries: ["PT"],
    });
  });

  it("stays unknown when the text names no place at all", () => {
    const text = "Acme | Backend engineers | Full time\nBuild payment APIs in Go.";
    expect(classifyRemote(rawListing(), text).scope).toBe("unknown");
  });
});

describe("a preferred time zone in the location field drops only the preference", () => {
  it.each([
    ["New York | Remote (US, Eastern time preferred)", "countries", ["US"]],
    ["Remote (EMEA/APAC preferred)", "unknown", []],
  ])("%s", (location, scope, countries) => {
    expect(classifyRemote(rawListing({ location }), "We build payment APIs.")).toMatchObject({ scope, countries });
  });
});

describe("a restriction stated in the title counts like one in the text", () => {
  it("reads a region from the title of a remote role", () => {
    const raw = rawListing({ title: "Backend Engineer (remote within EMEA)", location: "Remote" });
    expect(classifyRemote(raw, "We build payment APIs.")).toMatchObject({ scope: "regions", regions: ["emea"] });
  });
});

describe("time-zone fields that span the whole world restrict nothing", () => {
  const zones = (utcOffsets: number[]) =>
    classifyRemote(rawListing({ hints: { remoteOnlyBoard: true, utcOffsets } }), "A 100% remote team building APIs.");
  it("every zone with no place is worldwide", () => {
    expect(zones([-11, -5, 0, 5.5, 9, 14]).scope).toBe("worldwide");
  });
  it("a band of zones with no place stays unknown", () => {
    expect(zones([-8, -7, -6, -5]).scope).toBe("unknown");
  });
});

describe("an X-based company is a company fact, not a restriction", () => {
  it.each([
    ["We are a Berlin-based fintech startup.", "unknown", []],
    ["Candidates must be Berlin-based.", "countries", ["DE"]],
  ])("%s", (sentence, scope, countries) => {
    const got = classifyRemote(rawListing({ location: "Remote" }), `${sentence} You will build payment APIs.`);
    expect(got).toMatchObject({ scope, countries });
  });
});

describe("a remote word after a place in the location field limits remote work to that place", () => {
  it.each([
    ["Chile, Remote", ["CL"]],
    ["Germany (Remote)", ["DE"]],
    ["Canada - Remote", ["CA"]],
  ])("%s", (location, countries) => {
    expect(classifyRemote(rawListing({ location }), "Build our billing APIs.")).toMatchObject({
      scope: "countries",
      countries,
    });
  });

  it("but not when remote is offered beside offices: 'Berlin, Munich or Remote'", () => {
    expect(classifyRemote(rawListing({ location: "Berlin, Munich or Remote" }), "Build our billing APIs.").scope).toBe(
      "unknown",
    );
  });
});

describe("a place written right after the remote word restricts it", () => {
  const scopeOf = (text: string) => classifyRemote(rawListing({ title: "Backend Engineer" }), text);

  it.each([
    ["Remote - Europe, CET ±2hrs · Fully remote team.", { scope: "regions", regions: ["europe"] }],
    ["Remote (US only). You will build billing APIs.", { scope: "countries", countries: ["US"] }],
    ["REMOTE – Canada or US. Go services.", { scope: "countries", countries: ["CA", "US"] }],
  ])("%s", (text, want) => {
    expect(scopeOf(text)).toMatchObject(want);
  });

  it("but not a sentence after it, the company's headquarters, or places only preferred", () => {
    expect(scopeOf("Remote - We are a US company with customers in Europe.").scope).toBe("unknown");
    expect(scopeOf("Headquarters: Remote - Saudi Arabia\nWe build APIs. Fully remote role.").countries).toEqual([]);
    expect(scopeOf("Acme | Backend Engineer | REMOTE (EMEA/APAC/LATAM preferred)").scope).toBe("unknown");
  });
});

describe("anywhere offered as a place's alternative in the location field is the broader scope", () => {
  it.each(["Remote US/Global", "Remote (EU or Worldwide)", "Remote - Canada or International"])("%s", (location) => {
    expect(classifyRemote(rawListing({ location }), "You will build our billing APIs.").scope).toBe("worldwide");
  });

  it("while a place beside a company fact stays the restriction", () => {
    const got = classifyRemote(rawListing({ location: "Remote (US)" }), "We serve customers worldwide.");
    expect(got).toMatchObject({ scope: "countries", countries: ["US"] });
  });
});
