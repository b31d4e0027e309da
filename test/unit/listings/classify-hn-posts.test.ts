import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { getSourceAdapter } from "../../../src/listings/sources/index";

// Issue 15, fourth pass: Hacker News "Who is hiring" posts as they are commonly written. Every
// post is invented (company "Acme"), not copied from the labelled data.
const hn = (text: string) =>
  classify(
    getSourceAdapter("hackernews").parseItem(
      { id: 1, author: "a", text, created_at: null },
      { sourceName: "hackernews" },
    ),
  );

describe("hiring terms in a post's first line", () => {
  it.each(["Relocation Support", "Visa & Relocation Support", "Visa sponsorship available"])(
    "%j is a hiring term, not a support role beside the engineering one",
    (term) => {
      const post = `Acme | Senior Software Engineer | Remote (US) | ${term}<p>You'll build Go services and APIs for our payments platform.`;
      expect(hn(post)).toMatchObject({ isBackend: true, stacks: ["go"], seniority: "senior" });
    },
  );
});
