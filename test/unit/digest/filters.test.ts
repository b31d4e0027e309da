import { describe, expect, it } from "vitest";
import { toCandidate } from "../../../src/digest/candidate";
import { matchListing, matchProfile, matchStrength } from "../../../src/digest/match";
import { CandidatePool } from "../../../src/digest/pool";
import { selectForSubscriber } from "../../../src/digest/select";
import { DEFAULT_PREFERENCES, type Preferences } from "../../../src/subscribers/preferences";
import { listingRow, type ListingOverrides } from "../../support/listing-factory";

const NOW = new Date("2026-03-23T08:00:00Z");

/** The verdict for one listing, the same by every route the weekly run takes (asserted). */
function check(listing: ListingOverrides, prefs: Partial<Preferences>) {
  const p = { ...DEFAULT_PREFERENCES, ...prefs };
  const profile = matchProfile(p, 0);
  const candidate = toCandidate(listingRow({ firstSeenAt: new Date(NOW.getTime() - 3_600_000), ...listing }));
  const match = matchListing(candidate, profile);
  expect(matchStrength(candidate, profile)).toBe(match ? match.score : -1);
  const picked = selectForSubscriber(new CandidatePool([candidate]), {
    prefs: p,
    now: NOW,
    previousComposedAt: null,
    mailedFingerprints: new Set(),
    offsetMinutes: 0,
  }).picked;
  expect(picked.length).toBe(match ? 1 : 0);
  return match;
}
const matches = (listing: ListingOverrides, prefs: Partial<Preferences>) => check(listing, prefs) !== null;
const why = (listing: ListingOverrides, prefs: Partial<Preferences>) => check(listing, prefs)?.reasons.join(" · ");

describe("must mention and leave out search what the digest shows", () => {
  const golang = {
    title: "Backend Engineer",
    description: "You will build Golang services on Kubernetes.",
    stacks: ["go" as const],
  };

  it("'go' finds a listing the digest labels Go, even when its text only says Golang", () => {
    expect(matches(golang, { mustHaveKeywords: ["go"] })).toBe(true);
    expect(matches({ ...golang, stacks: [] }, { mustHaveKeywords: ["go"] })).toBe(false);
  });

  it("matches words, not pieces of words: 'go' is not in 'good', 'google' or 'cargo'", () => {
    const plain = { stacks: [], title: "Good engineer at Google", description: "Ship cargo with care." };
    expect(matches(plain, { mustHaveKeywords: ["go"] })).toBe(false);
    expect(matches(plain, { excludedKeywords: ["go"] })).toBe(true);
  });

  it("searches each stack by its label too: 'c#' and '.net', 'typescript', 'node.js'", () => {
    expect(matches({ stacks: ["dotnet"], description: "Services." }, { mustHaveKeywords: ["c#"] })).toBe(true);
    expect(matches({ stacks: ["dotnet"], description: "Services." }, { mustHaveKeywords: [".net"] })).toBe(true);
    expect(
      matches({ stacks: ["node"], description: "Services." }, { mustHaveKeywords: ["typescript", "node.js"] }),
    ).toBe(true);
  });

  it("searches the source's tags and the company", () => {
    expect(matches({ tags: ["Kafka", "Event sourcing"] }, { mustHaveKeywords: ["kafka"] })).toBe(true);
    expect(matches({ tags: ["Kafka", "Event sourcing"] }, { mustHaveKeywords: ["event sourcing"] })).toBe(true);
    expect(matches({ company: "Crypto Ventures" }, { excludedKeywords: ["crypto"] })).toBe(false);
  });

  it("leave out drops a listing labelled with the stack, by id or label", () => {
    expect(matches({ stacks: ["php"], description: "Laravel APIs." }, { excludedKeywords: ["php"] })).toBe(false);
    expect(matches({ stacks: ["cpp"], description: "Low latency." }, { excludedKeywords: ["c++"] })).toBe(false);
    expect(matches({ stacks: ["python"], description: "Django APIs." }, { excludedKeywords: ["php"] })).toBe(true);
  });
});

describe("seniority ranges", () => {
  const midSenior = {
    title: "Software Engineer, Python - Mid / Senior",
    seniority: "senior" as const,
    seniorities: ["mid" as const, "senior" as const],
  };

  it("a listing open to several levels matches a subscriber who asked for any of them, and says so honestly", () => {
    expect(why(midSenior, { seniority: ["mid"] })).toContain("open to mid-level or senior");
    expect(why(midSenior, { seniority: ["senior"] })).toContain("open to mid-level or senior");
    expect(matches(midSenior, { seniority: ["junior", "staff"] })).toBe(false);
  });

  it("a one-level listing still names its level; a row stored before ranges existed reads as its one level", () => {
    expect(why({ seniority: "senior", seniorities: ["senior"] }, { seniority: ["senior"] })).toContain("senior");
    expect(matches({ seniority: "senior", seniorities: [] }, { seniority: ["mid"] })).toBe(false);
    expect(matches({ seniority: "senior", seniorities: [] }, { seniority: ["senior"] })).toBe(true);
  });
});

describe("unknown employer types", () => {
  it("go as the subscriber said: included by default (and said so), left out on request", () => {
    expect(DEFAULT_PREFERENCES.includeUnknownEmployer).toBe(true);
    expect(why({ employerType: null }, { employerTypes: ["startup"] })).toContain("employer type not stated");
    expect(matches({ employerType: null }, { employerTypes: ["startup"], includeUnknownEmployer: false })).toBe(false);
    expect(matches({ employerType: "enterprise" }, { employerTypes: ["startup"], includeUnknownEmployer: true })).toBe(
      false,
    );
    expect(why({ employerType: "startup" }, { employerTypes: ["startup"], includeUnknownEmployer: false })).toContain(
      "startup",
    );
  });
});
