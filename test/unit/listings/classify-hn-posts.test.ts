import { describe, expect, it } from "vitest";
import { isBackendRole } from "../../../src/listings/classify/backend";
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

describe("engineering titles outside server-side work", () => {
  const isBackend = (title: string, text: string) => classify(rawListing({ title, descriptionText: text })).isBackend;
  const text = "You will automate our security workflows with Python scripts calling REST APIs.";

  it.each([
    "Senior Security Automation Engineer",
    "Security GRC Engineer",
    "Embedded Systems Engineer",
    "Desktop Engineer",
  ])("%j is not backend, whatever its scripts call", (title) => {
    expect(isBackend(title, text)).toBe(false);
  });

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
    ["Go, Postgres; minimum 5 years.", 5],
    ["Go, 3 years min.", 3],
  ])("%j → %i", (text, years) => {
    expect(minimumYears(text)).toBe(years);
  });

  it.each([
    "Acme has been serving clients for 15+ years.",
    "We've been in business for 10+ years.",
    "Our company (20+ years old) is stable.",
    "A company at least 20 years old.",
  ])("the company's own years are no requirement: %j", (text) => {
    expect(minimumYears(text)).toBeNull();
  });

  it("a bracketed count in a multi-role post sets the backend role's level", () => {
    const post = "Acme | Remote (US)<p>Backend Engineer (6+ years): our Go services and APIs.<p>Product Designer";
    expect(hn(post).seniority).toBe("senior");
  });
});

describe("system administrators", () => {
  const isBackend = (title: string) => classify(rawListing({ title, descriptionText: "" })).isBackend;

  it.each(["Senior HPC System Administrator", "Linux Systems Administrator", "DevOps/SysAdmin"])(
    "%j runs servers: infrastructure work",
    (title) => {
      expect(isBackend(title)).toBe(true);
    },
  );

  it.each(["IT Administrator", "Salesforce Administrator"])("%j is not", (title) => {
    expect(isBackend(title)).toBe(false);
  });
});

describe("roles a title lists", () => {
  const isBackend = (title: string, text = "") => classify(rawListing({ title, descriptionText: text })).isBackend;

  it("a list of kinds of work after 'Several roles:' keeps each kind a role of its own", () => {
    expect(isBackend("Several roles: Backend Python, Frontend Javascript, QA, Machine learning")).toBe(true);
  });

  it("a part with no role noun still qualifies the role before it", () => {
    expect(isBackend("Engineering Manager, Backend")).toBe(false);
    expect(classify(rawListing({ title: "Senior Account Executive, Enterprise" })).seniority).toBe("senior");
  });

  it("'Research & Development' names a department, not research science", () => {
    const text = "You will build our claims data-processing services in Java and their integrations.";
    expect(isBackend("Senior Software Engineer II Research & Development", text)).toBe(true);
    expect(isBackend("Software Engineer, R&D", text)).toBe(true);
  });

  it.each(["Frontend Platform Engineer", "Software Engineer, Client Infrastructure", "Mobile Infrastructure Engineer"])(
    "%j works on the client side's platform, not the server's",
    (title) => {
      expect(isBackend(title, "Build systems, telemetry and performance of our app.")).toBe(false);
    },
  );

  it("a marketing analytics engineer is marketing operations, not data engineering", () => {
    expect(isBackend("Marketing Analytics Engineer", "Pixels, CRM syncs, warehouse audiences, dashboards.")).toBe(
      false,
    );
    expect(isBackend("Analytics Engineer", "Build dbt models and pipelines into our warehouse.")).toBe(true);
  });

  it("a security engineer building systems is judged from the text, unlike security operations", () => {
    const text = "Build our access-control services and APIs in Go.";
    expect(isBackend("Software Engineer, Security", text)).toBe(true);
    expect(isBackend("Security Engineer", text)).toBe(true);
    expect(isBackend("Security Operations Engineer", text)).toBe(false);
  });
});

describe("roles and stacks a post names in passing", () => {
  it("'platform eng', 'data eng' in the text are backend roles", () => {
    expect(isBackendRole("Engineering roles", "We're hiring: product eng, platform eng and data eng.", [])).toBe(true);
  });

  it.each([
    ["We write TypeScript with Fastify and BullMQ on the backend, React on the frontend.", ["node"]],
    ["Stack: Hono, Cloudflare Workers, PostgreSQL, TypeScript everywhere", ["node"]],
    ["Technologies: Express, React, GCP, Terraform, MySQL", ["node"]],
    ["Our tRPC API runs next to the Next.js app.", ["node"]],
  ])("server frameworks of JavaScript runtimes are node: %j", (text, stacks) => {
    expect(classify(rawListing({ title: "Backend Engineer", descriptionText: text })).stacks).toEqual(stacks);
  });

  it("'express' as a word is no framework", () => {
    const text = "We express our values in code review. Express delivery of parcels is our business.";
    expect(classify(rawListing({ title: "Backend Engineer", descriptionText: text })).stacks).toEqual([]);
  });
});

describe("stacks stated in passing", () => {
  const stacksOf = (text: string, title = "Backend Engineer") =>
    classify(rawListing({ title, descriptionText: text })).stacks;

  it("'etc.' makes examples of its own list only, not of an earlier list run into it", () => {
    expect(stacksOf("Technology: Ruby, Rails, Postgres Practices: pairing, TDD, etc.")).toEqual(["ruby"]);
    expect(stacksOf("Technologies: Python, Go, etc.")).toEqual([]);
  });

  it.each(["On the backend we're using 100% Go with AWS.", "Our services are mostly Go.", "We write pure Go."])(
    "reads Go in %j",
    (text) => {
      expect(stacksOf(text)).toEqual(["go"]);
    },
  );

  it("reads Rails in lower case with a version or alone in brackets, not as a guard rail", () => {
    expect(stacksOf("More details: git, rails 3&4, Postgres, AWS")).toEqual(["ruby"]);
    expect(stacksOf("", "Software Engineers (rails)")).toEqual(["ruby"]);
    expect(stacksOf("We build safety rails for AI agents.")).toEqual([]);
  });

  it("Erlang is outside the list of stacks", () => {
    expect(stacksOf("The exchange is written in Python and Erlang.")).toEqual(["python"]);
  });
});

describe("seniority in multi-role posts and stated levels", () => {
  const seniorityOf = (title: string, text = "") => classify(rawListing({ title, descriptionText: text })).seniority;

  it("an unlevelled backend role beside a levelled one leaves no one level", () => {
    expect(seniorityOf("SREs, EMs, Lead Backend Engineer")).toBeNull();
    expect(seniorityOf("Senior Backend Engineer, SRE")).toBeNull();
    expect(seniorityOf("Senior AI Engineer / Architect")).toBe("senior");
  });

  it("a title of plural role nouns alone takes the level of the backend roles its text names", () => {
    const text =
      "We are looking for Engineering Managers, Sr. Backend Engineers and Sr. Data Engineers. 3+ years of Java.";
    expect(seniorityOf("Engineering Managers and Engineers", text)).toBe("senior");
    // A role of its own in the title: the years it asks come first.
    expect(seniorityOf("Backend Engineer", text)).toBe("mid");
  });

  it("reads a level field written into the text", () => {
    expect(seniorityOf("Software Engineer", "Type: Full Time Min. Experience: Entry Level")).toBe("junior");
    expect(seniorityOf("Software Engineer", "Seniority: Senior")).toBe("senior");
  });

  it("a preference later in the sentence leaves the years it states", () => {
    const text = "We're looking for someone with 10+ years of experience, ideally in both front end and back end.";
    expect(minimumYears(text)).toBe(10);
    expect(minimumYears("Ideally 5+ years of experience.")).toBeNull();
  });

  it("'the first three years of operation' is a period, not experience", () => {
    expect(minimumYears("During the first three years of operation, we laid the foundation.")).toBeNull();
  });
});

describe("the level of roles a post's text names", () => {
  const seniorityOf = (title: string, text = "") => classify(rawListing({ title, descriptionText: text })).seniority;

  it("a titled role with no level takes none from the text: title, level field and years are the evidence", () => {
    expect(seniorityOf("Backend Engineer", "We are looking for senior Go engineers.")).toBeNull();
    expect(seniorityOf("Backend Engineer", "3+ years of Go. We are looking for senior Go engineers.")).toBe("mid");
  });

  it("colleagues' levels are not the level of the roles a multi-role post advertises", () => {
    expect(seniorityOf("Multiple roles", "Join our senior backend engineers as a Backend Engineer.")).toBeNull();
    expect(seniorityOf("Multiple roles", "We're hiring Senior Backend Engineers.")).toBe("senior");
  });
});

describe("levels of roles listed in a post's title", () => {
  const seniorityOf = (title: string) => classify(rawListing({ title, descriptionText: "" })).seniority;

  it("' * ' bullets and ';' separate roles", () => {
    expect(seniorityOf("Roles: * Backend Engineer - Python * Staff Backend Engineer - Python")).toBeNull();
    expect(seniorityOf("Senior Software Engineer, Backend; Junior Frontend Developer")).toBe("senior");
  });

  it("'Senior and Staff Engineers' offers two levels", () => {
    expect(seniorityOf("Hiring Senior and Staff Engineers")).toBeNull();
  });
});

describe("Go after a verb of knowing", () => {
  it.each(["You know Go well and love Postgres.", "Engineers who love Go.", "You speak Go and SQL."])("%j", (text) => {
    expect(classify(rawListing({ title: "Backend Engineer", descriptionText: text })).stacks).toEqual(["go"]);
  });
});

describe("a post whose title names no role is what it says it hires", () => {
  it.each([
    "Acme - Remote (US)<p>We're hiring a frontend engineer and a product designer to join our team. Our stack is React, Node.js and Postgres, and we ship APIs to partners.",
    "Acme | Remote<p>We're looking for a Data Analyst to own our reporting in SQL and Python and work with our backend team.",
    "Acme | NYC<p>We are looking for an iOS engineer to build our Swift app. Our backend is written in Go.",
    "Acme | Remote<p>We need an Android developer (Kotlin) for our consumer app; the API is Rails.",
  ])("only non-backend roles: %j", (post) => {
    expect(hn(post).isBackend).toBe(false);
  });

  it.each([
    "Acme | Remote<p>We're hiring a frontend engineer and a backend engineer. Our API is Go and Postgres.",
    "Acme | Remote<p>We're looking for engineers to join our product and infrastructure teams. Go, Kubernetes, Postgres APIs.",
    "Acme | Remote<p>We're hiring: Frontend, Backend and DevOps. Our services are written in Go.",
  ])("a backend or generic role among them keeps the usual judgement: %j", (post) => {
    expect(hn(post).isBackend).toBe(true);
  });

  it("a title naming a backend role is not overruled by the other openings the text lists", () => {
    const title = "Acme - Python/Django Developer (entry level) - Washington, DC - Full Time";
    const text = "Our CMS is written in Django.\nOTHER OPENINGS: We are seeking a front-end designer.";
    expect(classify(rawListing({ title, descriptionText: text })).isBackend).toBe(true);
  });
});
