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
