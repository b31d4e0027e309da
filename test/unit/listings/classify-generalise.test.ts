import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { rawListing } from "./support/raw-listing";

// Issue 15, second pass: rules written from the labelling README and from job ads in general.
// Every example is invented, not copied from the labelled data.

describe("seniority of a title listing roles at different levels", () => {
  const seniorityOf = (title: string, text = "") => classify(rawListing({ title, descriptionText: text })).seniority;

  it("is null when its roles name two levels, and the one level when they agree", () => {
    expect(seniorityOf("Senior Backend Engineer, Tech Lead / Backend Engineer")).toBeNull();
    expect(seniorityOf("Sr. Platform Engineer, Sr. Data Engineer")).toBe("senior");
    // An unlevelled part qualifies the role before it: still one senior role.
    expect(seniorityOf("Senior Backend Engineer / Architect")).toBe("senior");
  });
});
