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

describe("stacks: the verb 'like' and the mobile apps' languages", () => {
  const stacksOf = (text: string) => classify(rawListing({ title: "Backend Engineer", descriptionText: text })).stacks;

  it("'like' introduces examples only after a noun or a comma", () => {
    expect(stacksOf("We'd like you to write Go services every day.")).toEqual(["go"]);
    expect(stacksOf("Experience with backend languages like Python or Go.")).toEqual([]);
  });

  it("Kotlin and Java named for the Android or iOS apps are not the backend's stack", () => {
    expect(stacksOf("We are hiring iOS (Swift), Android (Kotlin) and backend (Go) engineers.")).toEqual(["go"]);
    expect(stacksOf("Our Android app is written in Kotlin; the backend is Ruby on Rails.")).toEqual(["ruby"]);
    expect(stacksOf("Our services are written in Kotlin and serve the Android app.")).toEqual(["kotlin"]);
  });
});

describe("seniority of multi-role titles, level ranges and company history", () => {
  const seniorityOf = (title: string, text = "", level?: string) =>
    classify(rawListing({ title, descriptionText: text, hints: level ? { level } : {} })).seniority;

  it("a multi-role title's level is its backend roles' level", () => {
    expect(seniorityOf("Senior Backend Engineer, Junior Frontend Engineer")).toBe("senior");
    expect(seniorityOf("Staff Platform Engineer / Junior Product Designer")).toBe("staff");
  });

  it("a level field naming two levels is settled by years, like a 'Mid / Senior' title", () => {
    expect(seniorityOf("Backend Engineer", "", "Mid-level, Senior")).toBeNull();
    expect(seniorityOf("Backend Engineer", "3+ years of experience with Go.", "Mid-level, Senior")).toBe("mid");
    expect(seniorityOf("Backend Engineer", "", "Senior")).toBe("senior");
  });

  it("years that describe the company are not the role's minimum", () => {
    const text = "Founded by engineers with over 15 years of experience, we build payroll software.";
    expect(minimumYears(`${text} You have 3+ years with Java.`)).toBe(3);
    expect(minimumYears("Our team brings 20 years of experience in banking.")).toBeNull();
    expect(minimumYears("We are looking for someone with 6+ years of experience.")).toBe(6);
    expect(minimumYears("We expect 5+ years of experience in Go.")).toBe(5);
    expect(minimumYears("We'd love 3+ years with Elixir.")).toBe(3);
  });
});

describe("isBackend: the role noun decides, and full stack needs a server side", () => {
  const backend = (title: string, text = "") => classify(rawListing({ title, descriptionText: text })).isBackend;

  it.each([
    "Platform Support Engineer",
    "API Solutions Architect",
    "Payments Operations Specialist",
    "API Product Owner",
    "Developer Advocate, APIs",
    "Implementation Engineer, Payments",
    "API Technical Writer",
  ])("%s is not a backend role", (title) => {
    expect(backend(title, "You will work with our REST APIs, Python services and Postgres.")).toBe(false);
  });

  it("a backend word with an engineering noun is still backend", () => {
    expect(backend("Payments Platform Engineer")).toBe(true);
    expect(backend("DevOps Specialist")).toBe(true);
  });

  it("a full-stack role whose text names no server language or framework is not backend", () => {
    const ui = "React, TypeScript and CSS; you will build our UI and work with the backend team on its APIs.";
    expect(backend("Full Stack Engineer", ui)).toBe(false);
    expect(backend("Full Stack Engineer", `${ui} Our APIs are Node.js services on Postgres.`)).toBe(true);
    expect(backend("Full Stack Engineer", `${ui} You also own our tRPC routers and Prisma schema.`)).toBe(true);
  });
});

describe("stacks: a graph's or a cluster's nodes are not Node.js", () => {
  const stacksOf = (text: string) => classify(rawListing({ title: "Backend Engineer", descriptionText: text })).stacks;

  it("lower-case 'node' counts only in a list of tools", () => {
    expect(stacksOf("Each node in the cluster runs our agent, written in Go.")).toEqual(["go"]);
    expect(stacksOf("You will operate validator nodes and node operators' tooling.")).toEqual([]);
    expect(stacksOf("Stack: react, node, postgres")).toEqual(["node"]);
    expect(stacksOf("We use node and postgres.")).toEqual(["node"]);
    expect(stacksOf("We need a node developer for our APIs.")).toEqual(["node"]);
  });

  it("a 'Bonus:' sentence is optional", () => {
    expect(stacksOf("You write Python daily. Bonus: experience with our Elixir services.")).toEqual(["python"]);
  });
});

describe("seniority: a company's ladder numeral is not one of the README's level words", () => {
  const seniorityOf = (title: string, text = "") => classify(rawListing({ title, descriptionText: text })).seniority;

  it("years decide; 'II' or 'III' alone says nothing", () => {
    expect(seniorityOf("Backend Engineer III", "3+ years of experience with Go.")).toBe("mid");
    expect(seniorityOf("Backend Engineer III")).toBeNull();
    expect(seniorityOf("Backend Engineer II")).toBeNull();
  });
});

describe("isBackend: AI engineers who build systems, not models", () => {
  const backend = (title: string, text: string) => classify(rawListing({ title, descriptionText: text })).isBackend;
  const modelling =
    "Train and fine-tune speech recognition models in PyTorch, run experiments on new datasets and publish research.";

  it("an AI or ML title whose text is modelling work is not backend", () => {
    expect(backend("AI Engineer", modelling)).toBe(false);
    expect(backend("Machine Learning Engineer", `${modelling} Python required.`)).toBe(false);
  });

  it("an AI engineer building agents, retrieval and APIs is backend, and so is an ML platform title", () => {
    expect(backend("AI Engineer", "Build agents, retrieval pipelines and the APIs that serve them, in Python.")).toBe(
      true,
    );
    expect(backend("ML Platform Engineer", modelling)).toBe(true);
  });
});

describe("stacks: what the requirements name", () => {
  const stacksOf = (text: string) => classify(rawListing({ title: "Backend Engineer", descriptionText: text })).stacks;

  it("an ad with a requirements section takes its languages over the company's wider stack", () => {
    const ad = "About us\nOur platform runs on Java, Scala and Kafka.\nRequirements\n- 4+ years of Python\n- SQL";
    expect(stacksOf(ad)).toEqual(["python"]);
    // Without a language in the requirements, the stated stack is the role's.
    expect(stacksOf("About us\nOur platform runs on Java and Kafka.\nRequirements\n- 4+ years backend")).toEqual([
      "java",
    ]);
  });

  it("reads versions and capitals, and keeps a language a degree's 'or equivalent' sits beside", () => {
    expect(stacksOf("Strong Python3 and PHP8 skills.")).toEqual(["python", "php"]);
    expect(stacksOf("RUBY ON RAILS EXPERTS WANTED")).toEqual(["ruby"]);
    expect(stacksOf("5+ years with Java, BS in Computer Science or equivalent experience.")).toEqual(["java"]);
  });

  it("'(X preferred)' names the language of a required skill; 'you might be a fit' is no option", () => {
    expect(stacksOf("Practical scripting skills (Python preferred).")).toEqual(["python"]);
    expect(stacksOf("You might be a great fit if you have built Go services.")).toEqual(["go"]);
    expect(stacksOf("You write Java. You might also use Kotlin.")).toEqual(["java"]);
  });
});

describe("isBackend from a title's specialism alone (title-only boards)", () => {
  const backend = (title: string) => classify(rawListing({ title, descriptionText: "" })).isBackend;

  it.each([
    "Software Engineer, Identity",
    "Software Engineer, Billing",
    "Senior Software Engineer, APIs",
    "Software Engineer, Integrations",
    "Staff Engineer, Cloud Compute",
    "ETL Developer",
  ])("%s is backend: the README's payments, auth, API, infrastructure or data kinds", (title) => {
    expect(backend(title)).toBe(true);
  });

  it.each(["Medical Billing and Coding", "Identity Verification Specialist", "Cloud Sales Executive"])(
    "%s is not: the specialism counts only beside an engineering noun",
    (title) => {
      expect(backend(title)).toBe(false);
    },
  );
});

describe("isBackend: backend colleagues are not the role", () => {
  const backend = (text: string) =>
    classify(rawListing({ title: "Senior Software Engineer", descriptionText: text })).isBackend;

  it("'work with our backend engineers' does not advertise a backend role; 'hiring backend engineers' does", () => {
    expect(backend("You will build our React app and work closely with our backend engineers.")).toBe(false);
    expect(backend("We are hiring backend engineers to build our API.")).toBe(true);
  });
});
