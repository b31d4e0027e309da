import { describe, expect, it } from "vitest";
import { roleSegments } from "../../../src/listings/classify/role-kind";
import { classifyFocus } from "../../../src/listings/classify/focus";
import { classify } from "../../../src/listings/classify/index";
import { classifyRemote } from "../../../src/listings/classify/remote";
import { findStatedSalary } from "../../../src/listings/classify/salary";
import { getSourceAdapter } from "../../../src/listings/sources/index";
import { classifySeniority, minimumYears } from "../../../src/listings/classify/seniority";
import { classifyStacks } from "../../../src/listings/classify/stacks";
import { rawListing } from "./support/raw-listing";

// Issue 15: rules written from the labelling rules (test/fixtures/labelled/README.md) and from how
// job ads are written in general. Every example here is invented, not copied from the labelled data.

describe("focus from the title's specialism and the kind of work the text describes", () => {
  it.each([
    // ML serving and model work is data work (README: data = pipelines, ML serving/MLOps).
    ["Staff Engineer, Model Inference", "", ["data"]],
    ["Software Engineer, Ingest Pipelines", "", ["data"]],
    // Internal tooling is platform work (DESIGN.md §1).
    ["Developer Tooling Engineer", "", ["platform"]],
    // A generic title over data work with no product-backend work at all is a data role …
    [
      "Senior Software Engineer",
      "You will own our ingestion pipelines and the batch jobs that feed the warehouse (Snowflake, dbt).",
      ["data"],
    ],
    // … and stays a product backend once the text names API work too.
    [
      "Senior Software Engineer",
      "You will build REST APIs and own our ingestion pipelines feeding the warehouse (Snowflake, dbt).",
      ["api", "data"],
    ],
    ["Backend Engineer", "Build features for our marketplace in Django.", ["api"]],
  ])("%s → %j", (title, text, focus) => {
    expect(classifyFocus(title, text)).toEqual(focus);
  });

  it("keeps a bracketed tool list with its role instead of splitting it into roles", () => {
    expect(roleSegments("Data Engineer (Python / Spark / Airflow)")).toEqual([
      "Data Engineer (Python / Spark / Airflow)",
    ]);
    expect(roleSegments("Backend Engineer (Go) / SRE")).toEqual(["Backend Engineer (Go)", "SRE"]);
  });

  it("a tool list in brackets adds no API role to a data title", () => {
    expect(
      classify(
        rawListing({ title: "Data Engineer (Python / AWS / Airflow)", descriptionText: "Airflow DAGs and ETL." }),
      ).focus,
    ).toEqual(["data"]);
  });
});

describe("stacks: only the optional part of a sentence is optional", () => {
  it.each([
    ["Backend Engineer", "Strong Python and SQL, C++ is a plus.", ["python"]],
    ["Backend Engineer", "Kotlin, Scala or Java is a plus; Python required.", ["python"]],
    ["Backend Engineer", "Solid Go, Postgres and queues (e.g. NATS, Kafka, etc.).", ["go"]],
    ["Backend Engineer", "Proficiency in Ruby, SQL, frameworks (Rails, Hanami, etc.).", ["ruby"]],
    // A list closed by "or a comparable language" / "etc." is examples as a whole.
    ["DevOps Engineer", "Scripting in Python, Bash, or a comparable language.", []],
    ["Backend Engineer", "Experience with Java, PHP, Elixir etc.", []],
    // An optional heading says so at its start or ends with a colon; a preference inside a line does not.
    ["Backend Engineer", "You have:\n- Java or Kotlin\nYou might also have:\n- Scala", ["java", "kotlin"]],
    ["Backend Engineer", "Python (preferred) or Go", ["python", "go"]],
  ])("%s + %j → %j", (title, text, expected) => {
    expect(classifyStacks(title, text)).toEqual(expected);
  });
});

describe("seniority: years as ads write them, and levels a multi-role post advertises", () => {
  it.each([
    ["5+ yrs of backend experience", 5],
    ["Five years of experience with Go", 5],
    ["A minimum of three (3) years of experience", 3],
    ["Two or more years of experience in Python", 2],
    ["8 years+ experience with distributed systems", 8],
    ["Experience: 6+ years", 6],
    ["For over ten years we have served banks.", null],
  ])("%j → %s years", (text, years) => {
    expect(minimumYears(text)).toBe(years);
  });

  it.each([
    // The title names no role: the backend roles in the text carry the level (README: multi-role posts).
    [
      "Acme is growing fast and we are hiring across several engineering teams this spring",
      "Open: Senior Backend Engineer, Senior SRE.",
      "senior",
    ],
    ["Multiple roles", "We need a Staff Platform Engineer.", "staff"],
    // Different levels, or a range, leave it to the years stated.
    ["Multiple roles", "Senior Backend Engineer and Junior Python Developer.", null],
    ["Multiple roles", "Senior/Staff Backend Engineers, 3+ years of experience.", "mid"],
    // A role title of its own is not overridden by who the team works with.
    ["Backend Engineer", "You will pair with senior backend engineers.", null],
  ])("%s + %j → %s", (title, text, level) => {
    expect(classifySeniority(title, null, text)).toBe(level);
  });
});

describe("remote scope from the location field", () => {
  const scopeOf = (location: string, text = "We build payment APIs.") => classifyRemote(rawListing({ location }), text);

  it.each([
    ["Remote (Global)", "worldwide", [], []],
    ["Remote - Global", "worldwide", [], []],
    // "Remote OK" is a work mode with no geography, not Oklahoma.
    ["Berlin | Full time (remote OK)", "unknown", [], []],
    // A time zone in the field is a region (labelling rules: US time zones → north_america) …
    ["Remote (US-friendly time zones)", "regions", ["north_america"], []],
    // … that only repeats the countries when the field names them too.
    ["Remote: USA, Canada, USA time zones", "countries", [], ["US", "CA"]],
    // A region beside the remote word is where applicants may be, whichever side it stands on.
    ["Europe - REMOTE", "regions", ["europe"], []],
    ["Lisbon or Remote", "unknown", [], []],
  ])("%j → %s %j %j", (location, scope, regions, countries) => {
    const remote = scopeOf(location);
    expect(remote.scope).toBe(scope);
    expect(remote.regions).toEqual(regions);
    expect(remote.countries).toEqual(countries);
  });
});

describe("salary: pay, not perks or stray numbers", () => {
  it.each([
    ["Pay range: $182,300.00 - $291,500.00", { min: 182300, max: 291500, currency: "USD", period: "year" }],
    [
      "Compensation\n\n$95,000-$140,000, plus an annual bonus and a retirement plan",
      { min: 95000, max: 140000, currency: "USD", period: "year" },
    ],
    ["Acme | Backend Engineer | Remote | 90K-120K DOE", { min: 90000, max: 120000, currency: "USD", period: "year" }],
    ["Salary: 80-95k", { min: 80000, max: 95000, currency: "USD", period: "year" }],
    ["Salary range: 80–100k GBP", { min: 80000, max: 100000, currency: "GBP", period: "year" }],
    ["CAD $110,000 - $130,000", { min: 110000, max: 130000, currency: "CAD", period: "year" }],
    ["€4,000 – €5,500 gross per month", { min: 4000, max: 5500, currency: "EUR", period: "month" }],
  ])("%j → %j", (text, expected) => {
    expect(findStatedSalary(text)).toEqual(expected);
  });

  it.each([
    "Benefits:\n- Fertility HSA (up to $12,000 per year)\n- Gym membership",
    "- Learning budget: $2,000 per year",
    // Digits with no currency and no pay context are not a salary (issue 15).
    "We serve 20k-40k requests per second at peak.",
    "Our team grew from 40k-90k users last year.",
  ])("%j → no salary", (text) => {
    expect(findStatedSalary(text)).toBeNull();
  });
});

describe("isBackend on Hacker News posts", () => {
  const hn = (text: string) =>
    classify(
      getSourceAdapter("hackernews").parseItem(
        { id: 1, author: "a", text, created_at: null },
        { sourceName: "hackernews" },
      ),
    );

  it.each([
    // A plural role noun is still an engineering role ("Engineers", "Hiring senior engineers").
    [
      "Quux | Engineers | Remote<p>Our trading systems are written in Rust: order routing and market data at low latency.<p>",
      true,
    ],
    ["Acme - Remote - Hiring senior engineers<p>A marketplace on Django and Postgres; mostly backend work.<p>", true],
    // A short multi-role post whose title names no role is judged from its text, not dropped.
    [
      "Foobar | Multiple roles | Remote<p>Founding Engineer: own our Python/FastAPI backend.<p>Product Designer<p>",
      true,
    ],
    // Data engineering is backend (README) even with no server language named.
    [
      "DataCo | Engineering | Remote<p>Own our ingestion pipelines and the data warehouse (Spark, Airflow, Snowflake).<p>",
      true,
    ],
    ["Shop | Frontend Engineer | Remote<p>React and Next.js; our API is in Go but you will work on the UI.<p>", false],
    ["Shop | Data Analyst | Remote<p>SQL, dashboards and Looker, with our data engineers.<p>", false],
  ])("%j → %s", (text, backend) => {
    expect(hn(text).isBackend).toBe(backend);
  });
});

describe("more title and text conventions", () => {
  it.each([
    // dev2 ruling: analytics engineers who build dbt/warehouse pipelines are backend, focus data.
    ["Analytics Engineer", "Build dbt models and warehouse pipelines.", true, ["data"]],
    // A data platform is data work (README focus rules), not infrastructure.
    ["Backend Engineer, Data Platform", "", true, ["data"]],
  ])("%s → backend %s, focus %j", (title, text, backend, focus) => {
    const result = classify(rawListing({ title, descriptionText: text }));
    expect(result.isBackend).toBe(backend);
    expect(result.focus).toEqual(focus);
  });

  it.each([
    ["Our backend is Go.", ["go"]],
    ["We use Go for everything on the server.", ["go"]],
    ["Services written in Go and Postgres.", ["go"]],
    ["Let's go for it! We use go-to-market data.", []],
  ])("%j → %j", (text, stacks) => {
    expect(classifyStacks("Backend Engineer", text)).toEqual(stacks);
  });

  it("a level in brackets after the role is the role's level, but not before a manager title", () => {
    expect(classifySeniority("Backend Engineer (Senior)", null, "")).toBe("senior");
    expect(classifySeniority("(Senior) Product Director", null, "")).toBeNull();
  });

  it("an office offered as the alternative to remote gives no remote geography", () => {
    expect(classifyRemote(rawListing({ location: "Remote or Austin, TX" }), "Go APIs.").scope).toBe("unknown");
    expect(
      classifyRemote(rawListing({ location: "Remote US or Ontario, Canada" }), "Go APIs.").countries.sort(),
    ).toEqual(["CA", "US"]);
  });
});
