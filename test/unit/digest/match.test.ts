import { describe, expect, it } from "vitest";
import { toCandidate } from "../../../src/digest/candidate";
import { localTime } from "../../../src/digest/local-time";
import { matchListing, matchProfile, matchStrength } from "../../../src/digest/match";
import { DEFAULT_PREFERENCES, type Preferences } from "../../../src/subscribers/preferences";
import {
  inCountries,
  inRegions,
  listingRow,
  onsite,
  remoteUnknown,
  usdYear,
  worldwide,
  type ListingOverrides,
} from "../../support/listing-factory";

const NOW = new Date("2026-03-23T08:00:00Z");

/** Matches one listing for a subscriber with these preferences (everything else: no filter, UTC). */
function check(listing: ListingOverrides, prefs: Partial<Preferences> = {}) {
  const p = { ...DEFAULT_PREFERENCES, ...prefs };
  const profile = matchProfile(p, localTime(NOW, p.timezone).offsetMinutes);
  const candidate = toCandidate(listingRow(listing));
  const match = matchListing(candidate, profile);
  // The allocation-free check the weekly run uses must give the same verdict and score, every time.
  expect(matchStrength(candidate, profile)).toBe(match ? match.score : -1);
  return match;
}
const matches = (listing: ListingOverrides, prefs: Partial<Preferences> = {}) => check(listing, prefs) !== null;
const why = (listing: ListingOverrides, prefs: Partial<Preferences> = {}) => check(listing, prefs)?.reasons.join(" · ");

describe("matching: what the listing is", () => {
  it("stacks: needs one of the chosen stacks, and says which", () => {
    expect(matches({ stacks: ["go"] }, { stacks: ["python"] })).toBe(false);
    expect(matches({ stacks: [] }, { stacks: ["python"] })).toBe(false);
    expect(why({ stacks: ["go", "python", "rust"] }, { stacks: ["python", "go"] })).toMatch(
      /^Python & Go|^Go & Python/,
    );
    expect(matches({ stacks: ["rust"] })).toBe(true);
  });

  it("focus: needs a stated focus the subscriber chose", () => {
    expect(matches({ focus: ["api"] }, { focus: ["data"] })).toBe(false);
    expect(matches({ focus: [] }, { focus: ["data"] })).toBe(false);
    expect(why({ focus: ["data", "platform"] }, { focus: ["data"] })).toContain("data work");
  });

  it("seniority: a different level is left out; a listing that does not state one is kept and says so", () => {
    expect(matches({ seniority: "junior" }, { seniority: ["senior", "staff"] })).toBe(false);
    expect(why({ seniority: "senior" }, { seniority: ["senior"] })).toContain("senior");
    expect(why({ seniority: null }, { seniority: ["senior"] })).toContain("level not stated");
  });

  it("employer types: a stated type must be one the subscriber chose; an unknown one goes as the subscriber said", () => {
    expect(matches({ employerType: "startup" }, { employerTypes: ["startup", "scaleup"] })).toBe(true);
    expect(matches({ employerType: "agency" }, { employerTypes: ["startup"] })).toBe(false);
    expect(why({ employerType: null }, { employerTypes: ["startup"] })).toContain("employer type not stated");
    expect(matches({ employerType: null }, { employerTypes: ["startup"], includeUnknownEmployer: false })).toBe(false);
  });
});

describe("matching: salary floor", () => {
  const floor = { minSalaryUsd: 150_000 };
  it("keeps a listing whose stated pay reaches the floor and says by how much", () => {
    expect(why({ salary: usdYear(140_000, 170_000) }, floor)).toContain("pays up to $170k (your floor $150k)");
    expect(matches({ salary: usdYear(150_000, null) }, floor)).toBe(true);
  });

  it("leaves out a listing that pays less than the floor", () => {
    expect(matches({ salary: usdYear(100_000, 140_000) }, floor)).toBe(false);
  });

  it("keeps an unstated salary only when the subscriber includes those, saying 'salary not stated'", () => {
    expect(why({ salary: null }, { ...floor, includeNoSalary: true })).toContain("salary not stated");
    expect(matches({ salary: null }, { ...floor, includeNoSalary: false })).toBe(false);
  });

  it("without a floor, salary is no filter at all", () => {
    expect(matches({ salary: null }, { minSalaryUsd: null, includeNoSalary: false })).toBe(true);
    expect(matches({ salary: usdYear(40_000, 50_000) })).toBe(true);
  });
});

describe("matching: where from", () => {
  it("worldwide listings fit everyone; on-site and hybrid never fit anyone", () => {
    expect(why({ remote: worldwide() }, { country: "BR" })).toContain("remote worldwide");
    expect(matches({ remote: onsite() })).toBe(false);
    expect(matches({ remote: onsite() }, { country: "US" })).toBe(false);
  });

  it("country-limited listings fit people in those countries, and people who did not say, saying where", () => {
    expect(why({ remote: inCountries("DE", "AT") }, { country: "DE" })).toContain("remote from Germany");
    expect(matches({ remote: inCountries("DE", "AT") }, { country: "FR" })).toBe(false);
    expect(why({ remote: inCountries("DE", "AT") }, { country: null })).toContain("remote from Germany, Austria only");
    // By name, as the card names them: a screen reader read "remote from IN only" as "in".
    expect(why({ remote: inCountries("IN") }, { country: null })).toContain("remote from India only");
    expect(why({ remote: inRegions("europe") }, { country: null })).toContain("remote in Europe only");
  });

  it("region-limited listings fit people whose country is in the region", () => {
    expect(why({ remote: inRegions("europe") }, { country: "PL" })).toContain("remote in Europe");
    expect(matches({ remote: inRegions("europe") }, { country: "US" })).toBe(false);
    expect(matches({ remote: inRegions("americas", "emea") }, { country: "BR" })).toBe(true);
    expect(why({ remote: inRegions("europe") }, { country: null })).toContain("remote in Europe only");
  });

  it("a listing that does not say where from is kept, saying so", () => {
    expect(why({ remote: remoteUnknown() }, { country: "IN" })).toContain("remote (where from not stated)");
  });

  it("a UTC-offset window compares against the subscriber's current offset, half hours included", () => {
    const americas = worldwide({ utcOffsetMin: -8, utcOffsetMax: -3 });
    expect(matches({ remote: americas }, { timezone: "America/New_York" })).toBe(true);
    expect(matches({ remote: americas }, { timezone: "Europe/Berlin" })).toBe(false);
    expect(matches({ remote: worldwide({ utcOffsetMin: 5, utcOffsetMax: 6 }) }, { timezone: "Asia/Kolkata" })).toBe(
      true,
    );
    expect(matches({ remote: worldwide({ utcOffsetMin: 6, utcOffsetMax: 9 }) }, { timezone: "Asia/Kolkata" })).toBe(
      false,
    );
  });
});

describe("matching: keywords and companies", () => {
  const text = {
    title: "Backend Engineer",
    company: "Globex",
    description: "We use Go, Kafka and event sourcing. Alumni of Google welcome.",
  };

  it("must-have keywords must all appear as whole words or phrases", () => {
    expect(why(text, { mustHaveKeywords: ["kafka", "event sourcing"] })).toContain("mentions kafka, event sourcing");
    expect(matches(text, { mustHaveKeywords: ["kafka", "graphql"] })).toBe(false);
    expect(matches({ ...text, description: "Experience at Google or Gojek." }, { mustHaveKeywords: ["go"] })).toBe(
      false,
    );
    expect(matches({ ...text, description: "Written in Go." }, { mustHaveKeywords: ["go"] })).toBe(true);
  });

  it("an excluded keyword anywhere in title, company or description leaves the listing out, whole words only", () => {
    expect(matches(text, { excludedKeywords: ["kafka"] })).toBe(false);
    expect(matches({ ...text, title: "Crypto Backend Engineer" }, { excludedKeywords: ["crypto"] })).toBe(false);
    expect(matches({ ...text, description: "Alumni of Google welcome." }, { excludedKeywords: ["go"] })).toBe(true);
  });

  it("excluded companies match the company name however it is written, but not a longer name", () => {
    expect(matches({ company: "ACME, Inc." }, { excludedCompanies: ["acme"] })).toBe(false);
    expect(matches({ company: "Acme" }, { excludedCompanies: ["acme inc."] })).toBe(true);
    expect(matches({ company: "Acmeville" }, { excludedCompanies: ["acme"] })).toBe(true);
  });

  it("a legal form typed as its own entry ('Acme, Inc.', comma-separated) leaves out no other company", () => {
    const typed = { excludedCompanies: ["acme", "inc."] };
    expect(matches({ company: "Globex Inc" }, typed)).toBe(true);
    expect(matches({ company: "Initech, LLC" }, { excludedCompanies: ["initrode", "l.l.c.", "gmbh"] })).toBe(true);
    expect(matches({ company: "ACME, Inc." }, typed)).toBe(false);
  });
});
