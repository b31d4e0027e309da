import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { rawListing } from "./support/raw-listing";

// Issue 15, third pass: stacks as the labelling README states them, on invented listings only.
const stacksOf = (title: string, text: string) => classify(rawListing({ title, descriptionText: text })).stacks;

describe("stacks: a softly worded wish list before a plainly optional one", () => {
  it("reads 'It would be great if you have' as the requirements when 'Nice to have' follows", () => {
    const text = [
      "Our platform runs on Java and Scala.",
      "It would be great if you have:",
      "- 3 years of Python",
      "Nice to have:",
      "- Kotlin",
    ].join("\n");
    expect(stacksOf("Backend Engineer", text)).toEqual(["python"]);
  });

  it("still reads a soft wish list as optional when it is the only one", () => {
    const text = ["Requirements:", "- 3 years of Go", "It would be great if you have:", "- Rust"].join("\n");
    expect(stacksOf("Backend Engineer", text)).toEqual(["go"]);
  });
});

describe("stacks: TypeScript in a server-side role is node", () => {
  it("counts TypeScript required by a backend or API role as node", () => {
    expect(stacksOf("Senior Backend Engineer", "Requirements:\n- 4+ years of TypeScript\n- PostgreSQL")).toEqual([
      "node",
    ]);
    expect(stacksOf("API Developer", "You write TypeScript every day.")).toEqual(["node"]);
  });

  it("counts TypeScript beside serverless or GraphQL work as node in any role", () => {
    expect(stacksOf("Software Engineer", "Strong TypeScript with AWS Lambda and GraphQL.")).toEqual(["node"]);
  });

  it("does not count TypeScript as node for client, full-stack or infrastructure roles without server words", () => {
    expect(stacksOf("Full Stack Engineer", "You write TypeScript every day.")).toEqual([]);
    expect(stacksOf("Backend Engineer", "TypeScript and React for our admin screens.")).toEqual([]);
    expect(stacksOf("DevOps Engineer", "Tech stack: Python, TypeScript, Postgres.")).toEqual(["python"]);
  });
});
