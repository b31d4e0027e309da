import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { getSourceAdapter } from "../../../src/listings/sources/index";

// Issue 15, sixth pass over Hacker News "Who is hiring" posts. Every post is invented (company
// "Acme"), not copied from the labelled data.
const hn = (text: string) =>
  classify(
    getSourceAdapter("hackernews").parseItem(
      { id: 1, author: "a", text, created_at: null },
      { sourceName: "hackernews" },
    ),
  );

describe("a multi-role post judged by all its roles, not its first line (README: multi-role HN posts)", () => {
  it("a bulleted role list whose first item is a mobile role and a later one backend", () => {
    const post =
      "Acme, Full-time, Berlin, Germany<p>- Android Engineer (our app has a million users)<p>" +
      "- Backend Engineer (we run Go services on Postgres)<p>- Head of Marketing<p>" +
      "Acme helps families share photos. https://acme.example/jobs";
    expect(hn(post).isBackend).toBe(true);
  });
});

describe("a backend role in the list of roles a post gives in its text", () => {
  it("an infrastructure engineer listed after other engineers, under a company-only first line", () => {
    const post =
      "Acme | Remote (US) | Full time | https://acme.example<p>Acme builds software for wind farms.<p>" +
      "We are hiring for:<p>- Software Engineer: https://acme.example/jobs/1<p>" +
      "- Software Engineer (Infrastructure): https://acme.example/jobs/2<p>" +
      "- Software Quality Assurance Lead: https://acme.example/jobs/3";
    expect(hn(post).isBackend).toBe(true);
  });

  it("a DevOps role behind an arrow, beside undescribed software engineers", () => {
    const post =
      "Acme builds planning software for bakeries, used in twelve countries. We're hiring in Spain and " +
      "Portugal, please apply:<p>--> SWE in Spain: https://acme.example/jobs/1<p>" +
      "--> DevOps in Portugal: https://acme.example/jobs/2";
    expect(hn(post).isBackend).toBe(true);
  });

  it("an -Ops specialism of a listed engineer, and a lettered list whose title names test roles", () => {
    const ops =
      "Acme | Paris | HYBRID<p>Hiring:<p>- Lead Product Designer<p>- Frontend Engineers<p>" +
      "- Software Engineer, AgentOps<p>Apply at https://acme.example/careers";
    expect(hn(ops).isBackend).toBe(true);
    const lettered =
      "Acme | Mobile Lead, Senior Go, Senior Test Automation Devs | REMOTE<p>" +
      "A. Mobile Lead Developer (Swift): owns our app.<p>B. Senior Go Developer: high-throughput systems.<p>" +
      "C. Senior Test Automation Engineer: builds our test frameworks.";
    expect(hn(lettered).isBackend).toBe(true);
  });

  it("a list of frontend and design roles only, or a lone bullet in prose, stays not backend", () => {
    const other =
      "Acme | Remote (US)<p>Acme makes a photo editor.<p>- Frontend Engineer: https://acme.example/1<p>" +
      "- iOS Engineer: https://acme.example/2<p>- Product Designer: https://acme.example/3";
    expect(hn(other).isBackend).toBe(false);
  });
});

// README rulings: a database administrator runs server infrastructure, like a system administrator.
it("a database administrator post is backend", () => {
  const post =
    "Acme | PostgreSQL Database Administrator | Leeds, UK | ONSITE<p>Acme ships garden furniture across " +
    "Europe.<p>Database tech: replication, partitioning, backups, point-in-time recovery.";
  expect(hn(post).isBackend).toBe(true);
});

// README full-stack ruling: a full-stack or product role is backend only when the text describes server
// work; "across frontend and backend" names the two sides the role spans, not work on the server.
it("a full-stack post whose only backend word is 'frontend and backend' stays not backend", () => {
  const post =
    "Acme | Fullstack Engineer | ONSITE | Austin, TX<p>We make a recipe app for home cooks. Small team, " +
    "high ownership, ship fast: we talk to our users every week and cook what we build. A million home " +
    "cooks plan their meals with us, and we are growing quickly across North America this year.<p>" +
    "We're looking for a fullstack engineer to build product features end-to-end with our designers.<p>" +
    "What you'll do: - Build and ship features across frontend and backend - Own features from idea to " +
    "launch - Collaborate closely with design and iterate quickly<p>Tech stack: React, Python";
  expect(hn(post).isBackend).toBe(false);
});

// A first line that is a sentence with no role noun names no role: "our platform" there is the product.
it("a sentence about growing the product's platform, taken as the title, names no backend role", () => {
  const post =
    "Acme | REMOTE | Full-time<p>I'm starting a new team to grow our platform into garden design, and I'm " +
    "looking for a product engineer who loves talking to gardeners.<p>" +
    "* Staff Software Engineer, Garden Design - https://acme.example/jobs/1<p>* Director of Design - https://acme.example/jobs/2";
  expect(hn(post).isBackend).toBe(false);
});

// README: a multi-role post is backend when one advertised role is; "frontend, backend, or generalist
// engineers" advertises a backend engineer as plainly as "backend engineers" does.
it("a backend kind sharing the role noun of a list of kinds", () => {
  const post =
    "Acme | Software Engineer | Boston, MA | ONSITE<p>We're a small team building open source tools for " +
    "libraries. We're looking to hire strong frontend, backend, or generalist engineers.<p>Apply at https://acme.example/jobs";
  expect(hn(post).isBackend).toBe(true);
});

// "infra" is the short form of infrastructure: beside other server work it marks the role as backend.
it("a generic role whose text describes integrations and infra work", () => {
  const post =
    "Acme | Founding Engineer | Denver (In-Person) | https://acme.example<p>Every hospital sends its lab " +
    "results differently. We connect them: you'd be the first engineering hire, owning our integrations " +
    "with lab systems and the self-healing infra they run on.<p>work@acme.example";
  expect(hn(post).isBackend).toBe(true);
});

// An engineer hired to join an infrastructure team is an infrastructure engineer (README: backend).
it("engineers to join a list of teams that includes infra", () => {
  const post =
    "Acme; Fulltime; Onsite, Chicago, IL, USA.<p>I'm the cofounder of Acme, a company building tools for " +
    "film editors. We're looking for engineers to join our research, product, and infra teams.<p>" +
    "Apply at https://acme.example/careers";
  expect(hn(post).isBackend).toBe(true);
});

// README stacks: languages named only as "pluses" are optional, like "a plus".
it("languages that 'are all pluses' are not the role's stack", () => {
  const post =
    "Acme | Backend Engineer | Oslo | ONSITE<p>We build Go services for ferry bookings. " +
    "Competence in Kotlin, SQL and Ruby are all pluses.";
  expect(hn(post).stacks).toEqual(["go"]);
});

// README full-stack ruling: a server language in a full-stack title ("Full-Stack Engineer (Elixir +
// React)") does not make the role backend; the text must describe server work.
it("a full-stack title naming a server language, with no server work described, is not backend", () => {
  const post =
    "Acme | Senior Full-Stack Engineer (Elixir + React) | REMOTE (US) | Full-Time<p>Acme is the leading " +
    "scheduling tool for dog groomers. We're at an inflection point: proven product-market fit, a loyal " +
    "community of groomers, and greenfield work ahead that will delight thousands of pet owners.<p>" +
    "Engineers here own problems end-to-end, from talking to groomers about their biggest frustrations, " +
    "to shipping to production, to iterating based on real feedback from the salons we visit each month.<p>" +
    "Apply at https://acme.example/jobs (mention Hacker News in your application).";
  expect(hn(post).isBackend).toBe(false);
});
