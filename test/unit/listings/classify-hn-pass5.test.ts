import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { getSourceAdapter } from "../../../src/listings/sources/index";

// Issue 15, fifth pass over Hacker News "Who is hiring" posts. Every post is invented (company
// "Acme"), not copied from the labelled data.
const hn = (text: string) =>
  classify(
    getSourceAdapter("hackernews").parseItem(
      { id: 1, author: "a", text, created_at: null },
      { sourceName: "hackernews" },
    ),
  );

describe("backend roles a multi-role post lists in its text", () => {
  // README: a multi-role post is backend when one advertised role is; "Backend Software Engineer"
  // names the role as plainly as "Backend Engineer" does.
  it("a role list naming a backend software engineer beside a full-stack one", () => {
    const post =
      "Acme | Remote (USA) | Full Time<p>Acme is building a marketplace for farm produce and growing fast. " +
      "Open Roles - Full Stack Software Engineer: https://acme.example/jobs/1 - Backend Software Engineer: " +
      "https://acme.example/jobs/2 What we offer - ownership and a competitive salary.";
    expect(hn(post).isBackend).toBe(true);
  });

  // README rulings: operations engineers and system administrators of server fleets are infrastructure.
  it("a post seeking systems administrators for its servers", () => {
    const post =
      "Acme - Lisbon, Portugal<p>Acme is seeking Operations Engineers in Lisbon for its content delivery " +
      "service. Acme runs a worldwide network of servers, and we are hiring experienced systems " +
      "administrators to look after them. https://acme.example/careers";
    expect(hn(post).isBackend).toBe(true);
  });

  it("a role list of frontend and design roles only stays not backend", () => {
    const post =
      "Acme | Remote (USA) | Full Time<p>Acme makes a photo editor used by millions of people. " +
      "Open Roles - Frontend Software Engineer: https://acme.example/jobs/1 - Product Designer: " +
      "https://acme.example/jobs/2 What we offer - ownership and a competitive salary.";
    expect(hn(post).isBackend).toBe(false);
  });
});
