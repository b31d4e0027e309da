import { describe, expect, it } from "vitest";
import { classifyRemote } from "../../../src/listings/classify/remote";
import { rawListing } from "./support/raw-listing";

// Remote offered as one of the options is remote work (labelling rules, "### remote": "Austin or
// remote" is remote, unknown without a place). Every example is invented.
const TEXT = "You will build our billing APIs.";

describe("a location field that offers remote beside an office or a hybrid option is remote", () => {
  it.each([
    ["Hybrid Denver & Remote", "unknown", [], []],
    ["Chicago (Hybrid) or REMOTE (Canada)", "countries", [], ["CA"]],
    ["Remote, Onsite, Hybrid", "unknown", [], []],
    ["Madrid area (hybrid) and Remote in Europe", "regions", ["europe"], ["ES"]],
  ])("%s", (location, scope, regions, countries) => {
    expect(classifyRemote(rawListing({ location }), TEXT)).toMatchObject({ scope, regions, countries });
  });

  it.each(["Hybrid, 2 days remote", "Hybrid (partially remote)", "Onsite and remote-leading-to-onsite"])(
    "but the remote days of a hybrid schedule are not: %s",
    (location) => {
      expect(classifyRemote(rawListing({ location }), TEXT).scope).toBe("onsite");
    },
  );
});

describe("a structured hybrid flag gives way to a remote location of the source's own", () => {
  it("'Remote (Canada)' among an ATS's locations", () => {
    const raw = rawListing({
      location: "Denver, CO (HQ)",
      hints: { workplace: "hybrid", locations: ["Remote (Canada)", "Remote (US)"] },
    });
    expect(classifyRemote(raw, TEXT)).toMatchObject({ scope: "countries", countries: ["CA", "US"] });
  });

  it("but not a location name that only mentions remote after the office country", () => {
    const raw = rawListing({
      location: "Hamburg, Germany",
      hints: { workplace: "hybrid", locations: ["Germany/Remote"] },
    });
    expect(classifyRemote(raw, TEXT).scope).toBe("onsite");
  });
});

describe("restrictions the text states in other words", () => {
  it.each([
    ["We are open to remote work as long as you live in the EU.", "regions", ["europe"], []],
    ["This is a remote role based in the United States.", "countries", [], ["US"]],
    ["Platform engineer - US Remote - Terraform and AWS.", "countries", [], ["US"]],
  ])("%s", (text, scope, regions, countries) => {
    expect(classifyRemote(rawListing({ location: "Remote" }), text)).toMatchObject({ scope, regions, countries });
  });

  it("a time zone written in title case ('Eastern Time Zone') is its region", () => {
    const raw = rawListing({ title: "Backend Developer" });
    expect(classifyRemote(raw, "Acme | Backend Developer | Remote | Eastern Time Zone\nBuild APIs.")).toMatchObject({
      scope: "regions",
      regions: ["north_america"],
    });
  });

  it("a company called after a remote word is not a restriction ('Headquarters: Austria Remote')", () => {
    const raw = rawListing({ location: "Anywhere", hints: { remoteOnlyBoard: true } });
    expect(classifyRemote(raw, "Headquarters: Austria Remote\nA fully remote sales role.").scope).toBe("worldwide");
  });
});
