import { describe, expect, it } from "vitest";
import { classifyFocus } from "../../../src/listings/classify/focus";
import { listedRoles } from "../../../src/listings/classify/focus-roles";
import { workLines } from "../../../src/listings/classify/focus-sections";

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

  it("a post whose title names no role advertises the roles of its text, not the colleagues it names", () => {
    const post = "We are hiring a platform engineer to run our cloud.";
    expect(classifyFocus("Acme | Remote", post)).toEqual(["platform"]);
    expect(classifyFocus("Acme | Remote", `${post} You will work closely with our data engineers.`)).toEqual([
      "platform",
    ]);
  });

  it("a post whose title names no role gets api from its text's product work, not by default", () => {
    const infra = "We build container networking in Go: distributed protocols, clusters and uptime.";
    expect(classifyFocus("Acme - London - https://acme.example", infra)).toEqual(["platform"]);
    expect(classifyFocus("Acme - London", `${infra} You'll also build its API.`)).toEqual(["api", "platform"]);
    expect(classifyFocus("Software Engineer", infra)).toEqual(["api", "platform"]);
  });

  it("abbreviated role nouns name roles too ('devops eng', 'data devs')", () => {
    expect(classifyFocus("Acme | 6 engineering roles", "Open: product eng, devops eng, platform eng.")).toEqual([
      "platform",
    ]);
    expect(classifyFocus("Acme | NYC", "We need data devs.")).toEqual(["data"]);
  });

  it("an ML engineer a post also hires for adds no data work to its backend roles", () => {
    expect(classifyFocus("Acme | NYC", "We're hiring a backend engineer and an ML engineer.")).toEqual(["api"]);
    expect(classifyFocus("Acme | NYC", "We're hiring a backend engineer and a data engineer.")).toEqual([
      "api",
      "data",
    ]);
  });

  it("roles named inside a sentence, or after a verb, are not listed roles", () => {
    expect(listedRoles("You will work closely with data engineers, designers and product managers.")).toEqual([]);
    expect(listedRoles("- Mentor junior developers.")).toEqual([]);
    expect(listedRoles("We're looking for engineers to join our team.")).toEqual([]);
  });

  it("a bullet that starts with a verb, a count or a 'no' is a sentence, not a listed role", () => {
    expect(listedRoles("- Make our agents first-class developers\n- Build tools for developers")).toEqual([]);
    expect(listedRoles("- No dedicated DevOps\n- Infrastructure managed by our senior developer")).toEqual([]);
    expect(classifyFocus("Senior DevOps Engineer", "- Make our agents first-class developers.")).toEqual(["platform"]);
  });
});

describe("focus of the roles a title names", () => {
  it.each([
    // Qualifiers before a shared role noun each name a role.
    ["Frontend, backend and data engineers", ["api", "data"]],
    ["Looking for: iOS/Mobile, Full-Stack, Data Engineers", ["api", "data"]],
    // A bare "Engineers (…)" lists the kinds of its roles in brackets.
    ["Engineers (Full Stack, Front End, Data)", ["api", "data"]],
    // A server language names a product-backend role; a frontend framework names none.
    ["Ruby / React / DevOps", ["api", "platform"]],
    ["Java (Spring, REST), PHP (full stack), DevOps (AWS) engineers", ["api", "platform"]],
    ["Spring Health, Acme | Data Engineers", ["data"]],
    // Brackets after a role with a specialism still list its tools, not more roles.
    ["Data Engineer (Python / AWS)", ["data"]],
  ])("%s → %j", (title, focus) => {
    expect(classifyFocus(title, "")).toEqual(focus);
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
    // auth/identity is platform work on its own; payments, ledgers and clearing are also product APIs.
    ["Staff Software Engineer - Identity", "", ["platform"]],
    ["Staff Software Engineer - Ledger", "", ["api", "platform"]],
    // Developer experience and productivity teams build internal platforms.
    ["Software Engineer, DevEx", "", ["platform"]],
    ["Senior Engineer - Developer Productivity", "", ["platform"]],
    // HPC and system administration run infrastructure (labelling README: HPC infrastructure is platform).
    ["Linux System Administrator", "", ["platform"]],
    ["HPC Engineer", "", ["platform"]],
    // Storage and transaction-processing teams build infrastructure (README: storage, payments/clearing).
    ["Software Engineer, Backend (Block Storage)", "", ["platform"]],
    ["Backend Engineer (Transaction Processing)", "", ["platform"]],
    // An identity role builds its APIs as platform work: the API words of its text add no api.
    ["Staff Software Engineer - Identity", "Build OAuth REST APIs, endpoints and integrations.", ["platform"]],
  ])("%s → %j", (title, text, focus) => {
    expect(classifyFocus(title, text)).toEqual(focus);
  });
});

describe("focus reads the role's work, not its extras", () => {
  it("a 'Nice to have' list or the benefits add no kind of work", () => {
    const work = "Build REST APIs for our checkout.";
    expect(classifyFocus("Backend Engineer", `${work}\nNice to have:\n- Spark, Airflow and dbt`)).toEqual(["api"]);
    expect(classifyFocus("Backend Engineer", `${work}\nBenefits:\n- Learn about payments and SRE`)).toEqual(["api"]);
    expect(workLines(`${work}\nBonus points:\n- Kafka\nHow to apply:\nSend a CV\nAbout the role:\nShip it`)).toEqual([
      work,
      "About the role:",
      "Ship it",
    ]);
  });

  it("a text mostly about running infrastructure adds platform; one mention among APIs does not", () => {
    const infra = "You'll run our Kubernetes clusters with Terraform and Docker, and keep our infrastructure up.";
    expect(classifyFocus("Software Engineer", `Build our product. ${infra}`)).toEqual(["api", "platform"]);
    const product = "Build REST APIs, webhooks and integrations for our Django backend; we deploy on Kubernetes.";
    expect(classifyFocus("Software Engineer", product)).toEqual(["api"]);
  });

  it("the tools of data work in a stack list are one kind of data work, not two", () => {
    expect(classifyFocus("Backend Engineer", "Build REST APIs. Our stack: Go, Postgres, Spark and Snowflake.")).toEqual(
      ["api"],
    );
    expect(classifyFocus("Backend Engineer", "Build REST APIs and our Spark data pipelines.")).toEqual(["api", "data"]);
  });

  it("a field line ('Compensation: $150k') starts no section; 'Nice to have: …' on one line drops that line", () => {
    const post = "Acme | Remote\nCompensation: $150k + equity\nYou will build our data pipelines.\nWe pay well";
    expect(workLines(post)).toEqual(post.split("\n"));
    expect(workLines("Build APIs.\nNice to have: Spark, dbt\nOwn the REST layer.")).toEqual([
      "Build APIs.",
      "Own the REST layer.",
    ]);
  });

  it("testing vocabulary is not integration work", () => {
    const text =
      "Build data pipelines and ETL jobs. Write unit, integration and end-to-end tests; continuous integration.";
    expect(classifyFocus("Software Engineer", text)).toEqual(["data"]);
  });

  it("a web framework or the server side is product-backend work", () => {
    expect(classifyFocus("Software Engineer", "Grow our Django app and its ETL data pipelines.")).toEqual([
      "api",
      "data",
    ]);
    expect(classifyFocus("Software Engineer", "Own server-side code and ETL data pipelines.")).toEqual(["api", "data"]);
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
