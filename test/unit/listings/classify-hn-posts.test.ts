import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { minimumYears } from "../../../src/listings/classify/seniority";
import { getSourceAdapter } from "../../../src/listings/sources/index";
import { rawListing } from "./support/raw-listing";

// Issue 15, fourth pass: Hacker News "Who is hiring" posts as they are commonly written. Every
// post is invented (company "Acme"), not copied from the labelled data.
const hn = (text: string) =>
  classify(
    getSourceAdapter("hackernews").parseItem(
      { id: 1, author: "a", text, created_at: null },
      { sourceName: "hackernews" },
    ),
  );

describe("hiring terms in a post's first line", () => {
  it.each(["Relocation Support", "Visa & Relocation Support", "Visa sponsorship available"])(
    "%j is a hiring term, not a support role beside the engineering one",
    (term) => {
      const post = `Acme | Senior Software Engineer | Remote (US) | ${term}<p>You'll build Go services and APIs for our payments platform.`;
      expect(hn(post)).toMatchObject({ isBackend: true, stacks: ["go"], seniority: "senior" });
    },
  );
});

describe("engineering titles outside server-side work", () => {
  const isBackend = (title: string, text: string) =>
    classify(rawListing({ title, descriptionText: text })).isBackend;
  const text = "You will automate our security workflows with Python scripts calling REST APIs.";

  it.each(["Security Engineer", "Senior Security Automation Engineer", "Embedded Systems Engineer", "Desktop Engineer"])(
    "%j is not backend, whatever its scripts call",
    (title) => {
      expect(isBackend(title, text)).toBe(false);
    },
  );

  it("a backend word still makes a security title backend", () => {
    expect(isBackend("Platform Security Engineer", text)).toBe(true);
  });
});

describe("years of experience as posts state them", () => {
  it.each([
    ["Senior Backend Engineer (5+ years)", 5],
    ["Backend Engineer (3-5 yrs)", 3],
    ["Requirements: Go, Postgres, 6+ years.", 6],
    ["You've been writing production code for 4+ years.", 4],
    ["Requirements: 6+ years backend", 6],
    ["4+ years commercial Python", 4],
  ])("%j → %i", (text, years) => {
    expect(minimumYears(text)).toBe(years);
  });

  it.each([
    "Acme has been serving clients for 15+ years.",
    "We've been in business for 10+ years.",
    "Our company (20+ years old) is stable.",
  ])("the company's own years are no requirement: %j", (text) => {
    expect(minimumYears(text)).toBeNull();
  });

  it("a bracketed count in a multi-role post sets the backend role's level", () => {
    const post = "Acme | Remote (US)<p>Backend Engineer (6+ years): our Go services and APIs.<p>Product Designer";
    expect(hn(post).seniority).toBe("senior");
  });
});
