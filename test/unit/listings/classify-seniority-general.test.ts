import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { minimumYears } from "../../../src/listings/classify/seniority";
import { rawListing } from "./support/raw-listing";

// Issue 15, third pass: seniority by the labelling README's evidence order, on invented listings only.
const seniorityOf = (title: string, text = "") => classify(rawListing({ title, descriptionText: text })).seniority;

describe("seniority: two words for one level", () => {
  it("reads 'Staff/Principal' as staff, not as a range of two levels", () => {
    expect(seniorityOf("Staff/Principal Platform Engineer")).toBe("staff");
    expect(seniorityOf("Principal or Staff Backend Engineer")).toBe("staff");
  });

  it("still leaves a range of two levels to the years", () => {
    expect(seniorityOf("Senior/Staff Backend Engineer")).toBeNull();
    expect(seniorityOf("Senior/Staff Backend Engineer", "Requirements:\n- 6+ years of experience")).toBe("senior");
  });
});

describe("seniority: years under a heading ending in 'for'", () => {
  it("reads the years below 'What we're looking for' as the minimum asked", () => {
    expect(minimumYears("What we're looking for\n- 5+ years of experience building products")).toBe(5);
    expect(seniorityOf("Mid/Senior Backend Engineer", "Looking for\n3+ years of experience with APIs")).toBe("mid");
  });

  it("still reads 'for 10 years' in one line as a period of time", () => {
    expect(minimumYears("We have been profitable for 10 years of operation.")).toBeNull();
  });
});

describe("seniority: years a post is looking for", () => {
  it("reads 'looking for at least three years' as the minimum asked, not a period of time", () => {
    expect(minimumYears("Across all roles we're looking for at least three years of relevant experience.")).toBe(3);
    expect(seniorityOf("Software Engineer", "We are looking for 2+ years of experience with APIs.")).toBe("mid");
  });

  it("still reads 'in business for at least 10 years' as the company's history", () => {
    expect(minimumYears("We have been in business for at least 10 years of steady growth.")).toBeNull();
  });
});

describe("seniority: the team's years, written 'experience of N years'", () => {
  it("does not take the team's average experience for the role's minimum", () => {
    expect(minimumYears("Our team is 40 engineers with an average experience of 14+ years.")).toBeNull();
    expect(minimumYears("Requirements: experience of 5+ years with Go.")).toBe(5);
    expect(minimumYears("We need someone with experience of 3 years in Python.")).toBe(3);
  });
});

describe("seniority: two level words in a row in a post's list of roles", () => {
  const title = "We're hiring across the company for many roles in engineering, design and research.";

  it("reads 'Senior Staff' as one level, staff, so it agrees with a Staff role beside it", () => {
    const text = "Open roles:\n- Senior Staff Data Engineer\n- Staff Platform Engineer\n- Product Designer";
    expect(seniorityOf(title, text)).toBe("staff");
  });

  it("finds no one level when a Senior Staff role sits beside a Senior one", () => {
    const text = "Open roles:\n- Senior Staff Data Engineer\n- Senior Platform Engineer";
    expect(seniorityOf(title, text)).toBeNull();
  });
});

describe("seniority: a sentence title hiring roles at two levels", () => {
  it("is null when it hires a role at one level and another role with no level", () => {
    expect(
      seniorityOf("We are seeking Production Engineers and Junior Production Engineers for our two offices in Lyon."),
    ).toBeNull();
    expect(
      seniorityOf(
        "We're looking to hire senior software developers to build our app, and web operations engineers to run it",
      ),
    ).toBeNull();
  });

  it("keeps the one level when the other roles it hires are not engineering roles", () => {
    expect(
      seniorityOf("We're hiring a Senior Backend Engineer and a product designer to join our team in Lisbon"),
    ).toBe("senior");
  });
});

describe("seniority: a range written 'junior-to-senior'", () => {
  it("is a range of two levels in a title, left to the years", () => {
    expect(seniorityOf("Junior-to-Senior Backend Engineer")).toBeNull();
    expect(seniorityOf("Junior-to-Senior Backend Engineer", "Requirements: 3+ years of experience with APIs")).toBe(
      "mid",
    );
  });

  it("is a range in a post's list of roles too", () => {
    const text = "Open roles:\n- Engineer: I'm looking for a junior-to-senior software engineer to work with me.";
    expect(seniorityOf("Three open roles", text)).toBeNull();
  });
});
