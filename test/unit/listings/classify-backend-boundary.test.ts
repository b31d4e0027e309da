import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { rawListing } from "./support/raw-listing";

// Issue 15, third pass: the README's backend boundary on invented listings only.
const isBackend = (title: string, text = "") => classify(rawListing({ title, descriptionText: text })).isBackend;
const serverText = "You will write Python services and REST APIs on PostgreSQL for our scheduling product.";

describe("isBackend: client-facing delivery and business-systems roles are not backend", () => {
  it("counts delivery and onboarding engineers as client-facing, like implementation engineers", () => {
    expect(isBackend("Junior Delivery Engineer", serverText)).toBe(false);
    expect(isBackend("Onboarding Engineer", serverText)).toBe(false);
    // A level word between the kind of work and the role noun changes nothing.
    expect(isBackend("Platform Professional Services Senior Consultant", serverText)).toBe(false);
    expect(isBackend("API Solutions Lead Architect", serverText)).toBe(false);
  });

  it("counts Salesforce, CRM and go-to-market systems engineers as business systems", () => {
    expect(isBackend("GTM Systems Engineer", serverText)).toBe(false);
    expect(isBackend("Software Engineer, Salesforce", serverText)).toBe(false);
    expect(isBackend("CRM Developer", serverText)).toBe(false);
  });

  it("counts IT roles as internal IT, not server-side engineering", () => {
    expect(isBackend("IT Systems Engineer", serverText)).toBe(false);
    // The capitalised abbreviation only: "it" the pronoun names no role.
    expect(isBackend("Backend Engineer (build it with us)", serverText)).toBe(true);
  });
});

describe("isBackend: security operations are not backend", () => {
  const operations = "Tune SIEM alerts, run incident response and threat hunting, and roll out EDR across our laptops.";

  it("is not backend when a security role's text is detection and response work", () => {
    expect(isBackend("Security Engineer", `${operations} ${serverText}`)).toBe(false);
  });

  it("is backend when a security engineer builds services with only a mention of incidents", () => {
    const building = "Build our access-control service and its APIs in Go; join incident response rotations.";
    expect(isBackend("Security Engineer", building)).toBe(true);
  });

  it("is not backend when the title is offensive security, whatever tooling the text builds", () => {
    const tooling = "Write production tooling in Python and Go to emulate attackers against our APIs and services.";
    expect(isBackend("Senior Engineer, Offensive Security", tooling)).toBe(false);
    expect(isBackend("Red Team Engineer", tooling)).toBe(false);
    expect(isBackend("Penetration Tester", tooling)).toBe(false);
    // A defensive platform built as services stays backend.
    expect(isBackend("Software Engineer, Security Platform", tooling)).toBe(true);
  });
});

describe("isBackend: data architects are data engineering", () => {
  const warehouse = "Design the dimensional models of our Snowflake warehouse and the reporting layer teams read.";

  it("counts a data architect designing the warehouse as backend (data engineering)", () => {
    expect(isBackend("Data Architect", warehouse)).toBe(true);
  });

  it("still leaves data analysts and client-facing data solutions architects out", () => {
    expect(isBackend("Data Analyst", warehouse)).toBe(false);
    expect(isBackend("Data Solutions Architect", warehouse)).toBe(false);
  });
});

describe("isBackend: a title that is the first item of a numbered list of roles", () => {
  const roles = (second: string) => `We're hiring for three roles:\n1. iOS Engineer\n2. ${second}\n3. Product Designer`;

  it("is one of the post's roles: a backend role later in the list makes the post backend", () => {
    expect(isBackend("1. iOS Engineer", roles("Rails Developer"))).toBe(true);
  });

  it("is not backend when no role in the list is", () => {
    expect(isBackend("1. iOS Engineer", roles("QA Engineer"))).toBe(false);
    // Without the list number the title is the post's one role, and the other roles are colleagues.
    expect(isBackend("iOS Engineer", "You will work with our Rails developers on the app's API.")).toBe(false);
  });
});

describe("isBackend: a research team after an engineering title", () => {
  const infra = "Build the distributed training infrastructure and the data pipelines our researchers run on.";

  it("judges 'Software Engineer, Research' from its text: infrastructure work is backend", () => {
    expect(isBackend("Software Engineer, Research", infra)).toBe(true);
  });

  it("still leaves modelling work and research roles themselves out", () => {
    const modelling = "Train speech models in PyTorch, run experiments on new datasets and publish papers.";
    expect(isBackend("Software Engineer, Research", modelling)).toBe(false);
    expect(isBackend("Research Engineer", infra)).toBe(false);
    expect(isBackend("Research Scientist", infra)).toBe(false);
  });
});

describe("isBackend: server work a generic title's text describes", () => {
  // Long enough not to read as a feed's cut-off excerpt (those are judged from the title and stack).
  const about =
    "We make planning software for community theatres: casting, rehearsal calendars and ticket desks. " +
    "Our team of nine works from home across two countries and meets twice a year in person. " +
    "We value clear writing, small changes shipped often and kind code reviews. " +
    "You will pair with the founders, talk to theatre managers every week and shape the product with us. " +
    "We offer a four-day week, a yearly learning budget and parental leave beyond the legal minimum. " +
    "Tell us about a show you loved when you apply. ";

  it("counts event sourcing and CQRS as server-side architecture", () => {
    expect(isBackend("Software Developer", `${about}Our Ruby app is built on event sourcing.`)).toBe(true);
    expect(isBackend("Software Developer", `${about}You'll extend our C# CQRS design.`)).toBe(true);
    expect(isBackend("Software Developer", `${about}You'll extend our Ruby app.`)).toBe(false);
  });

  it("does not take server work from a wish: a nice-to-have describes no work the role does", () => {
    const desktop = `${about}You will build our desktop editor in C++.`;
    expect(isBackend("Software Developer", `${desktop} Also desirable: REST APIs and PostgreSQL.`)).toBe(false);
    expect(isBackend("Software Developer", `${desktop}\nNice to have:\n- REST APIs\n- PostgreSQL`)).toBe(false);
    expect(isBackend("Software Developer", `${desktop} You will also build its REST APIs on PostgreSQL.`)).toBe(true);
  });
});

describe("isBackend: jobs outside engineering whose specialism names engineering words", () => {
  it("is not backend for finance, legal and teaching roles named after an infrastructure or platform sector", () => {
    expect(isBackend("Fund Controller: Private Equity, Energy and Infrastructure")).toBe(false);
    expect(isBackend("Senior Accountant, Cloud Infrastructure")).toBe(false);
    expect(isBackend("Commercial Counsel - Payments Platform")).toBe(false);
    expect(isBackend("Lead Instructor, Cloud Infrastructure Bootcamp")).toBe(false);
  });

  it("still reads an engineering role beside such a word", () => {
    expect(isBackend("Infrastructure Engineer, Fund Controllers Team", serverText)).toBe(true);
    expect(isBackend("Device Driver Engineer, Storage", serverText)).toBe(true);
  });
});

describe("isBackend: a title-only record of an AI engineer", () => {
  // README: title-only records are judged from the title, and an AI engineer is backend only when the
  // role builds LLM systems, agents or retrieval: a bare title shows none of that.
  it("is not backend with no text to show LLM-systems work", () => {
    expect(isBackend("Senior AI Engineer")).toBe(false);
    expect(isBackend("Staff LLM Engineer")).toBe(false);
  });

  it("is backend when the title or the text says what it builds", () => {
    expect(isBackend("AI Engineer, Platform")).toBe(true);
    expect(isBackend("AI Engineer (Python)")).toBe(true);
    expect(
      isBackend("AI Engineer", "Build our agent runtime: retrieval services, evals and the APIs around them."),
    ).toBe(true);
  });
});
