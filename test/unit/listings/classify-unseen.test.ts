import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { findStatedSalary } from "../../../src/listings/classify/salary";
import { minimumYears } from "../../../src/listings/classify/seniority";
import { rawListing } from "./support/raw-listing";

// Issue 15, third pass: general rules for listings the classifier has never seen. Every example
// is invented from how job ads are commonly written, not copied from the labelled data.

describe("salary as ads state it", () => {
  it.each([
    ["Salary: £60,000 – £75,000 + bonus", { min: 60000, max: 75000, currency: "GBP", period: "year" }],
    ["Salary between $120,000 and $150,000 per year", { min: 120000, max: 150000, currency: "USD", period: "year" }],
    ["Gehalt: 4.000 - 5.000 € brutto/Monat", { min: 4000, max: 5000, currency: "EUR", period: "month" }],
    ["$150K base + equity", { min: 150000, max: 150000, currency: "USD", period: "year" }],
    ["Salary: 100,000 - 120,000 (USD)", { min: 100000, max: 120000, currency: "USD", period: "year" }],
  ])("reads %j as stated", (text, expected) => {
    expect(findStatedSalary(text)).toEqual(expected);
  });

  it.each([
    "We offer a $20,000 annual education budget and great health care.",
    "A $5k signing bonus for every new hire.",
  ])("does not take a perk's figure for pay: %j", (text) => {
    expect(findStatedSalary(text)).toBeNull();
  });

  it("a perk named after the salary leaves the salary alone", () => {
    expect(findStatedSalary("Salary $120k, plus a $3k learning budget")).toMatchObject({ min: 120000, max: 120000 });
  });
});

describe("stacks: Go and optional languages as ads write them", () => {
  const stacksOf = (text: string, title = "Backend Engineer") =>
    classify(rawListing({ title, descriptionText: text })).stacks;

  it.each([
    "Go is our primary language.",
    "You will write Go APIs and own the Postgres schema.",
    "Our stack: Go + Postgres + Kafka.",
    "We value idiomatic Go and small services.",
    "Requirements:\n- Go\n- SQL",
  ])("reads Go in %j", (text) => {
    expect(stacksOf(text)).toEqual(["go"]);
  });

  it("reads Go after a dash at the end of a title", () => {
    expect(stacksOf("", "Senior Software Engineer - Go")).toEqual(["go"]);
  });

  it("still reads the verb as a verb", () => {
    expect(stacksOf("Go to our careers page and apply.\nReady, set, go!")).toEqual([]);
  });

  it.each([
    "You write Python daily. Knowledge of Rust is an advantage.",
    "You write Python daily. Rust would be an asset.",
    "You write Python daily. Rust experience is a big plus.",
    "You write Python daily. Bonus if you know Rust.",
    "You write Python daily. Ideally you have used Rust.",
  ])("a language the ad calls optional is not a stack: %j", (text) => {
    expect(stacksOf(text)).toEqual(["python"]);
  });
});

describe("seniority: years the role requires, not years it would prefer", () => {
  it.each([
    ["3+ years building backend services. 7+ years preferred.", 3],
    ["Requirements:\n- 2+ years with Python\nNice to have:\n- 6+ years in fintech", 2],
    ["At least 4 years of experience; ideally 8 years in payments.", 4],
  ])("%j → %i", (text, years) => {
    expect(minimumYears(text)).toBe(years);
  });
});
