import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { classifyRemote } from "../../../src/listings/classify/remote";
import { findStatedSalary } from "../../../src/listings/classify/salary";
import { classifySeniority, minimumYears } from "../../../src/listings/classify/seniority";
import { classifyStacks } from "../../../src/listings/classify/stacks";
import { rawListing } from "./support/raw-listing";

describe("salary", () => {
  it.each([
    ["Salary: $120k–$150k", { min: 120000, max: 150000, currency: "USD", period: "year" }],
    ["€75k–110k plus equity", { min: 75000, max: 110000, currency: "EUR", period: "year" }],
    ["USD 140,000 - 180,000 base", { min: 140000, max: 180000, currency: "USD", period: "year" }],
    ["£32000-£40000", { min: 32000, max: 40000, currency: "GBP", period: "year" }],
    ["Pay: $25 - $45 an hour", { min: 25, max: 45, currency: "USD", period: "hour" }],
    ["PLN 20 000 - 25 000 per month", { min: 20000, max: 25000, currency: "PLN", period: "month" }],
    [
      "The salary listed is monthly.\nPay range\n€2.691 - €4.037 EUR",
      { min: 2691, max: 4037, currency: "EUR", period: "month" },
    ],
    ["Rate: $80–135/h", { min: 80, max: 135, currency: "USD", period: "hour" }],
    ["Salary range: $105k+ depending on experience", { min: 105000, max: null, currency: "USD", period: "year" }],
    ["Base salary: $45-$65k", { min: 45000, max: 65000, currency: "USD", period: "year" }],
    ["Compensation: up to $150k", { min: null, max: 150000, currency: "USD", period: "year" }],
    [
      "Zone A: $93,850 - $110,910\nZone B: $107,928 - $127,547",
      { min: 93850, max: 127547, currency: "USD", period: "year" },
    ],
  ])("reads %j as stated", (text, expected) => {
    expect(findStatedSalary(text)).toEqual(expected);
  });

  it.each([
    "We raised $100M in our Series C at a $550M valuation",
    "Up to 1000 EUR per year for conferences and books",
    "$100 monthly work-from-home stipend",
    "life insurance (min $100K)",
    "We serve 100k-200k users a day",
  ])("does not mistake %j for pay", (text) => {
    expect(findStatedSalary(text)).toBeNull();
  });

  it("annualises to USD with the documented rate table, and 0 means unknown", () => {
    const hourly = classify(rawListing({ descriptionText: "Rate: €50 per hour" })).salary!;
    expect(hourly).toMatchObject({
      min: 50,
      currency: "EUR",
      period: "hour",
      minUsdYear: Math.round(50 * 1.08 * 2080),
    });
    const zero = classify(rawListing({ hints: { salary: null } })).salary;
    expect(zero).toBeNull();
  });
});

describe("remote", () => {
  const remote = (overrides: Parameters<typeof rawListing>[0], text = "") =>
    classifyRemote(rawListing(overrides), text);

  it("reads US state codes after a city as the US, not Canada, India or Germany", () => {
    expect(remote({ location: "Remote (San Jose, CA)" })).toMatchObject({ scope: "countries", countries: ["US"] });
    expect(remote({ location: "Remote - Indianapolis, IN" })).toMatchObject({ countries: ["US"] });
    expect(remote({ location: "Remote - Wilmington, DE" })).toMatchObject({ countries: ["US"] });
  });

  it("maps regions and countries as written, regions first", () => {
    expect(remote({ location: "LATAM, Canada, USA", hints: { remoteOnlyBoard: true } })).toEqual({
      scope: "regions",
      regions: ["latam"],
      countries: ["CA", "US"],
    });
  });

  it("lets a restriction in the text override a board's 'Anywhere'", () => {
    const raw = {
      location: "Anywhere in the World",
      hints: { remoteOnlyBoard: true, applicantLocations: ["Anywhere in the World"] },
    };
    expect(remote(raw).scope).toBe("worldwide");
    expect(remote(raw, "Authorization to work in the United States is required.")).toMatchObject({
      scope: "countries",
      countries: ["US"],
    });
  });

  it("ignores a restriction hedged to some teams only", () => {
    const text = "On certain teams in this role, candidates must be based in the United States.";
    expect(remote({ location: "Anywhere", hints: { remoteOnlyBoard: true } }, text).scope).toBe("worldwide");
  });

  it("turns hybrid and on-site roles into onsite with the office country", () => {
    expect(remote({ location: "Berlin, Germany", hints: { workplace: "hybrid" } })).toEqual({
      scope: "onsite",
      regions: [],
      countries: ["DE"],
    });
    expect(remote({ location: "London | ONSITE or partial REMOTE" })).toMatchObject({
      scope: "onsite",
      countries: ["GB"],
    });
    expect(remote({ location: "Austin, TX" }, "Join our downtown team.")).toMatchObject({
      scope: "onsite",
      countries: ["US"],
    });
  });

  it("keeps 'remote allowed, nowhere given' as unknown, and a time zone as its region", () => {
    expect(remote({ location: "San Francisco, Atlanta, or REMOTE" }).scope).toBe("unknown");
    expect(remote({ location: "Remote" }, "Fully remote with US time zone overlap required.")).toMatchObject({
      scope: "regions",
      regions: ["north_america"],
    });
  });
});

describe("stacks", () => {
  it.each([
    ["Senior Golang Engineer", "", ["go"]],
    ["Backend Engineer", "We write services in C# on .NET 8.", ["dotnet"]],
    ["Backend Engineer", "Our APIs run on Spring Boot.", ["java"]],
    ["Backend Engineer", "You will build TypeScript services and REST APIs on the server.", ["node"]],
    ["Frontend Engineer", "You will build our React and TypeScript UI.", []],
    ["Engineer", "Let's go! We go above and beyond for trusted customers.", []],
    ["Engineer", "We trust our team; nothing gets rusty.", []],
    ["Backend Engineer", "Python required.\nNice to have:\n- Rust\n- Go", ["python"]],
    ["Backend Engineer", "Experience with languages such as Java or Kotlin.", []],
    ["Backend Engineer", "We are migrating from PHP to Rust.", ["rust"]],
    [
      "Backend Engineer",
      "Should be familiar with Golang, Postgres and file systems (e.g. Lustre, or Ceph with Java).",
      ["go"],
    ],
    ["Platform Engineer", "Core services using Node.js and GoLang.", ["go", "node"]],
    ["Systems Engineer", "Strong in Go; per-node agents and cross-node live migration.", ["go"]],
  ])("%s + %j → %j", (title, text, expected) => {
    expect(classifyStacks(title, text)).toEqual(expected);
  });

  it("ignores tags on a tag-stuffed listing", () => {
    const tags = Array.from({ length: 20 }, (_, i) => (i === 3 ? "golang" : `tag${i}`));
    expect(classifyStacks("Store Manager", "", tags)).toEqual([]);
  });
});

describe("seniority", () => {
  it.each([
    ["Sr. Backend Engineer", null, "", "senior"],
    ["Staff Engineer", null, "", "staff"],
    ["Tech Lead, Payments", null, "", "staff"],
    ["Senior/Lead Platform Engineer", null, "", null], // two levels in one title: years decide (dev2 ruling)
    ["Engineering Manager", "Senior", "10+ years", null],
    ["Senior Engineering Manager", null, "", "senior"],
    ["Mid/Senior Python Engineer", null, "5+ years of experience", "senior"],
    ["Mid/Senior Python Engineer", null, "", null],
    ["Backend Engineer", "Midweight", "", "mid"],
    ["Backend Engineer", "mid_senior_level", "3+ years of experience with Go", "mid"],
    ["Backend Engineer", null, "At least 2 years of experience in programming.", "mid"],
    ["SDE I", null, "", null], // a ladder numeral is not one of the README's level words
  ])("%s (level %s) → %s", (title, level, text, expected) => {
    expect(classifySeniority(title, level, text)).toBe(expected);
  });

  it.each([
    ["Software Engineer, Python - Mid / Senior", "", ["mid", "senior"]],
    ["Sr/Staff Backend Engineer", "", ["senior", "staff"]],
    ["Senior Backend Engineer", "", ["senior"]],
    ["Backend Engineer", "3+ years of experience", ["mid"]],
    ["Backend Engineer", "", []],
    // One level named beside a role with none: no one level, so open to every level (the title's one
    // alone hid the post from a mid-level subscriber).
    ["SREs, Platform Engineers, Lead Backend Engineer", "", []],
  ])("%s is open to %j", (title, text, expected) => {
    expect(classify(rawListing({ title, descriptionText: text })).seniorities).toEqual(expected);
  });

  it("reads the largest required years and skips company history", () => {
    expect(minimumYears("5+ years of software engineering experience. 2+ years with Django.")).toBe(5);
    expect(minimumYears("For over 35 years, we have served customers.")).toBeNull();
  });
});

describe("backend and focus", () => {
  it.each([
    ["Senior Backend Engineer", "", true, ["api"]],
    ["Site Reliability Engineer", "Kubernetes on AWS.", true, ["platform"]],
    ["Software Engineer or SRE", "", true, ["api", "platform"]],
    ["Sr. Web Engineer, Sr. Data Engineer", "", true, ["api", "data"]],
    ["Data Scientist", "Python, SQL, experimentation.", false, []],
    ["Engineering Manager, Backend", "", false, []],
    ["Software Engineer", "", false, []],
    ["Full Stack Engineer", "Rails APIs, Postgres databases and third-party integrations.", true, ["api"]],
    ["Senior Backend QA Engineer", "Test our REST APIs in Java.", false, []],
    ["Multiple roles", "We're hiring a Rails engineer and an SRE.", true, ["api", "platform"]],
    ["Senior Director, Data Engineering", "Lead the data platform team.", false, []],
    // Platform work named in the text joins the product-backend default; DevOps practice alone does not.
    ["Senior Backend Engineer", "Go services for our payment processing and ledgers.", true, ["api", "platform"]],
    ["Backend Engineer", "Java APIs; we follow DevOps practices.", true, ["api"]],
    ["Backend Engineer", "Rails services for our invoicing and online payments.", true, ["api", "platform"]],
    [
      "Founding Engineer",
      "Python stack; you'll touch everything: infra, product, research tooling.",
      true,
      ["api", "platform"],
    ],
    ["Staff Software Engineer, AI Reliability Engineering", "", true, ["platform"]],
    ["Founding Engineer", "Take over our NodeJS product from the agency.", true, ["api"]],
    ["Founding Engineer", "Own our React Native app.", false, []],
    [
      "Senior Software Engineer",
      "Own the backend services and the infrastructure behind our deployments.",
      true,
      ["api"],
    ],
    [
      "We treat research and design as first-class citizens at our small studio",
      "We're hiring backend engineers.",
      true,
      ["api"],
    ],
    ["Product Designer", "Work with our backend engineers.", false, []],
  ])("%s → backend %s, focus %j", (title, text, backend, focus) => {
    const result = classify(rawListing({ title, descriptionText: text }));
    expect(result.isBackend).toBe(backend);
    expect(result.focus).toEqual(focus);
  });
});
