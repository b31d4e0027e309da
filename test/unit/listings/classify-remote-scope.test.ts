import { describe, expect, it } from "vitest";
import { classifyRemote } from "../../../src/listings/classify/remote";
import { rawListing } from "./support/raw-listing";

// Issue 15 item 3: remote scope from the most specific restriction stated anywhere, `unknown` rather
// than a guess. Every example is invented, written from the labelling rules in
// test/fixtures/labelled/README.md ("### remote").

describe("an office field with no remote mention is on-site in the office's country", () => {
  it.each([
    ["SF / NY", ["US"]],
    ["SF", ["US"]],
  ])("%s", (location, countries) => {
    const got = classifyRemote(rawListing({ location }), "You will build our billing APIs.");
    expect(got).toMatchObject({ scope: "onsite", countries });
  });
});
