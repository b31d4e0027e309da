import { describe, expect, it } from "vitest";
import { classifyFocus } from "../../../src/listings/classify/focus";
import { listedRoles } from "../../../src/listings/classify/focus-roles";

// Issue 15, focus facet: rules from the labelling README's focus definitions (api: product backends,
// REST/GraphQL, integrations; data: pipelines, warehouses, ML serving; platform: infra, SRE, payments,
// auth, storage). Every listing here is invented, not copied from the labelled data.

describe("focus of a post that lists several roles in its text", () => {
  it.each([
    [
      "roles one per bullet, each with its own line of work",
      "Acme Robotics | Remote (EU) | Full-time",
      "We're hiring:\n* Senior Software Engineer – Go backend, own features end to end\n* Senior SRE – own our infra\n* Product Designer – Figma",
      ["api", "platform"],
    ],
    [
      "a comma list of roles after 'hiring'",
      "Acme | Berlin",
      "Acme Maps helps cities plan bus routes.\nWe are hiring a data engineer, a platform engineer and a web services engineer.",
      ["api", "data", "platform"],
    ],
    [
      "numbered roles whose lines name the work",
      "Hiring for three roles:",
      "1. Staff Engineer — Core: production APIs, data pipelines, cloud infra\n2. Account Executive — close deals",
      ["api", "data", "platform"],
    ],
    [
      "roles run together on one line after 'Open roles:'",
      "Acme | Remote",
      "Open roles: - Senior Java Backend Engineer (EU) - Infrastructure Engineer (US) - Product Manager",
      ["api", "platform"],
    ],
    [
      "roles run together, each after a bracketed place",
      "Acme | Multiple roles",
      "Open roles: Product Analyst (Berlin) Data Engineer (Berlin) Site Reliability Engineer (Remote)",
      ["data", "platform"],
    ],
    [
      "a role per line followed by its link",
      "Acme | NYC",
      "Open roles:\nData Engineer: https://example.com/jobs/1\nSRE: https://example.com/jobs/2\nMarketing Lead: https://example.com/jobs/3",
      ["data", "platform"],
    ],
  ])("%s", (_, title, text, focus) => {
    expect(classifyFocus(title, text)).toEqual(focus);
  });

  it("a generic role adds product-backend work only when its line or the post shows server work", () => {
    expect(listedRoles("Open roles:\n* Software Engineer\n* Data Engineer")).toHaveLength(2);
    expect(classifyFocus("Acme | NYC", "Open roles:\n* Software Engineer\n* Data Engineer")).toEqual(["data"]);
    expect(classifyFocus("Acme | NYC", "Open roles:\n* Software Engineer\n* Data Engineer\nStack: Django.")).toEqual([
      "api",
      "data",
    ]);
  });

  it("splits a one-line list of roles at dashes and closing brackets", () => {
    const roles = (text: string) => listedRoles(text).map(({ role }) => role);
    expect(
      roles("Open roles: Data Analyst (Berlin) Data Engineer (Berlin) Site Reliability Engineer (Remote)"),
    ).toEqual(["Data Engineer", "Site Reliability Engineer"]);
    expect(roles("Open roles: - Java Backend Engineer (EU) - Infrastructure Engineer (US) - Product Manager")).toEqual([
      "Java Backend Engineer",
      "Infrastructure Engineer",
    ]);
  });

  it("a role name runs on to its last role noun and is read in the singular", () => {
    expect(listedRoles("Open roles:\n- DevOps Engineers\n- Data Engineers (Berlin)").map(({ role }) => role)).toEqual([
      "DevOps Engineer",
      "Data Engineer",
    ]);
  });

  it("a role title's own text does not add the roles it works alongside", () => {
    const text = "You'll work alongside our data engineers and DevOps engineers to ship REST APIs.";
    expect(classifyFocus("Senior Software Engineer", text)).toEqual(["api"]);
    // A post whose title names no role at all still advertises the roles its sentences name.
    expect(classifyFocus("Acme | Remote", "We're hiring backend engineers and SREs.")).toEqual(["api", "platform"]);
  });

  it("the roles a listing works alongside are colleagues, not roles on offer", () => {
    const bullets =
      "You'll work closely with:\n- Data Engineers\n- DevOps Engineers\n\nWhat you'll do:\n- Build REST APIs in Django.";
    expect(classifyFocus("Backend Engineer", bullets)).toEqual(["api"]);
    const sentence = "We partner with data engineers, platform engineers and DevOps engineers on our Django services.";
    expect(classifyFocus("Software Engineer", sentence)).toEqual(["api"]);
    // A list under its own "Open roles:" line is roles on offer.
    expect(
      listedRoles("Open roles:\nData Analyst (Berlin) Data Engineer (Berlin) Platform Engineer (Remote)"),
    ).toHaveLength(2);
  });

  it("roles named inside a sentence, or after a verb, are not listed roles", () => {
    expect(listedRoles("You will work closely with data engineers, designers and product managers.")).toEqual([]);
    expect(listedRoles("- Mentor junior developers.")).toEqual([]);
    expect(listedRoles("We're looking for engineers to join our team.")).toEqual([]);
  });
});

describe("focus words of the README's definitions", () => {
  it.each([
    // data = … ML serving/MLOps, data platforms: an ML, model or data platform is data work, not infrastructure.
    ["Software Engineer, Training Platform", "", ["data"]],
    ["Backend Engineer, ML Infrastructure", "", ["data"]],
    ["Backend Engineer", "Build REST APIs and run our data infra.", ["api"]],
    // A bare role noun after a slash shares the qualifier before it.
    ["Data Scientist / Engineer (Python, Airflow)", "", ["data"]],
    // Title words from the README's definitions: storage, Kubernetes, observability are platform;
    // streaming, warehouses and ingestion are data.
    ["Senior Engineer, Observability", "", ["platform"]],
    ["Senior Engineer, Storage", "", ["platform"]],
    ["Backend Engineer, Kubernetes", "", ["platform"]],
    ["Software Engineer, Streaming", "", ["data"]],
    ["Backend Engineer, Ingestion", "", ["data"]],
    // A bracketed list names several specialisms of one role; a list of tools names none.
    ["Software Engineers (Backend, Infrastructure)", "", ["api", "platform"]],
    ["Software Engineer (Backend / Frontend)", "", ["api"]],
    ["Data Engineer (Python, Spark, Airflow)", "", ["data"]],
    // auth/identity is platform work on its own; payments, ledgers and clearing are also product APIs.
    ["Staff Software Engineer - Identity", "", ["platform"]],
    ["Staff Software Engineer - Ledger", "", ["api", "platform"]],
  ])("%s → %j", (title, text, focus) => {
    expect(classifyFocus(title, text)).toEqual(focus);
  });
});

describe("focus evidence comes from the role's own work", () => {
  it.each([
    [
      "the company blurb's business is not the role's work",
      "About Acme:\nAcme runs payments and banking rails for small shops.\n\nAbout the role:\nBuild REST APIs for our storefront.",
      ["api"],
    ],
    [
      "a 'nice to have' section adds no kind of work",
      "What you'll do:\n- Build REST APIs in Go.\n\nNice to have:\n- Spark, Airflow and Snowflake; ETL experience.",
      ["api"],
    ],
    [
      "a sentence that only wishes for a skill adds no kind of work",
      "Build REST APIs in Go. Experience with Spark streaming and Snowflake is a plus.",
      ["api"],
    ],
    [
      "the role's own section still counts after the blurb",
      "Who we are:\nA small team.\n\nResponsibilities:\n- Build REST APIs.\n- Own our ETL jobs and the Snowflake warehouse.",
      ["api", "data"],
    ],
  ])("%s", (_, text, focus) => {
    expect(classifyFocus("Backend Engineer", text)).toEqual(focus);
  });
});

describe("focus patterns take linear time on hostile text", () => {
  // Built to make separators, role names and headings backtrack; growth is compared, never absolute time.
  const PIECES = [
    " ",
    "* ",
    " - ",
    "Data Engineer, ",
    "(Backend) ",
    "Open roles: ",
    "work with: ",
    "a\n",
    "About Acme:\n",
  ];
  const fastest = (run: () => void) => {
    let best = Infinity;
    for (let i = 0; i < 3; i++) {
      const start = performance.now();
      run();
      best = Math.min(best, performance.now() - start);
    }
    return Math.max(best, 1);
  };

  it.each(PIECES)(
    "classifyFocus on %j repeated",
    (piece) => {
      const text = (bytes: number, variant: number) => `${variant}${piece.repeat(Math.ceil(bytes / piece.length))}`;
      const small = Array.from({ length: 8 }, (_, k) => text(32_768, k));
      const large = text(262_144, 9);
      classifyFocus(large, large); // warm up the JIT
      let ratio = Infinity;
      // A pause can spoil one measurement: the step is super-linear only when five measurements say so.
      for (let attempt = 0; attempt < 5 && ratio >= 4; attempt++) {
        const before = fastest(() => small.forEach((s) => classifyFocus(s, s)));
        ratio = Math.min(ratio, fastest(() => classifyFocus(large, large)) / before);
      }
      expect(ratio).toBeLessThan(4);
    },
    60_000,
  );
});
