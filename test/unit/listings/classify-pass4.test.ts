import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { rawListing } from "./support/raw-listing";

// Issue 15, fourth pass: rules from the labelling README and its rulings, on invented listings only.
const classified = (title: string, text: string) => classify(rawListing({ title, descriptionText: text }));

describe("isBackend: a perk written among a title's roles is not a role", () => {
  const text = "You will build Python services and the REST APIs behind our product, on Postgres.";

  it("judges 'Software Engineer / Relocation Support' as the software engineer it is", () => {
    expect(classified("Senior Software Engineer / Relocation Support", text).isBackend).toBe(true);
    expect(classified("Software Engineer | Visa sponsorship", text).isBackend).toBe(true);
  });

  it("still reads a support role as support", () => {
    expect(classified("Technical Support Engineer / Relocation Support", text).isBackend).toBe(false);
  });
});

describe("remote scope: a remote arrangement stated only as a condition is not this role's", () => {
  const remoteOf = (text: string) =>
    classify(rawListing({ title: "Backend Engineer", location: "Porto, Portugal", descriptionText: text })).remote;

  it("keeps an office listing on-site when the text says remote only for roles that say so", () => {
    const text = [
      "You will build Java services for our marketplace.",
      "We work hybrid from our offices. Some roles are exceptions: if the job description states that the position is fully remote, that applies instead.",
    ].join("\n");
    expect(remoteOf(text)).toMatchObject({ scope: "onsite", countries: ["PT"] });
  });

  it("still reads a plain statement that the role is remote", () => {
    expect(remoteOf("This position is fully remote. You will build Java services.").scope).not.toBe("onsite");
  });
});

describe("isBackend: low-code and business-systems platforms are not backend (rulings)", () => {
  const text = "You will build apps and automated flows, integrate data sources through APIs and SQL databases.";

  it("reads Power Platform, RPA and SharePoint developers as not backend", () => {
    expect(classified("Power Platform Application Developer", text).isBackend).toBe(false);
    expect(classified("RPA Developer (UiPath)", text).isBackend).toBe(false);
    expect(classified("SharePoint Developer", text).isBackend).toBe(false);
  });

  it("still reads a platform engineer as backend", () => {
    expect(classified("Platform Application Engineer", text).isBackend).toBe(true);
  });
});

describe("stacks: the team's stated stack counts beside its requirements", () => {
  it("adds the languages the product is built in to those the requirements name", () => {
    const text = [
      "Our invoicing platform is built in Elixir and Ruby on Rails.",
      "Requirements:",
      "- Experience with Elixir",
      "- Several years with a web framework such as Django",
    ].join("\n");
    expect(classified("Backend Engineer", text).stacks).toEqual(["ruby", "elixir"]);
  });

  it("does not add languages a sentence only mentions", () => {
    const text = "We migrated a Java monolith last year.\nRequirements:\n- Experience with Elixir";
    expect(classified("Backend Engineer", text).stacks).toEqual(["elixir"]);
  });
});

describe("salary: ranges kept as ranges however their ends are written", () => {
  const salaryOf = (text: string) => classified("Backend Engineer", text).salary;

  it("reads 'N USD - M USD' (the code after each end) as one range", () => {
    expect(salaryOf("The base salary range is 150,000 USD - 210,500 USD.")).toMatchObject({
      min: 150000,
      max: 210500,
      currency: "USD",
      period: "year",
    });
  });

  it("reads a minimum and a maximum stated on separate lines as one range", () => {
    const text = "Pay Range Minimum:\n\nUSD $95,000.00/Yr.\n\nPay Range Maximum:\n\nUSD $130,000.00/Yr.";
    expect(salaryOf(text)).toMatchObject({ min: 95000, max: 130000, currency: "USD", period: "year" });
  });

  it("keeps two unrelated figures apart", () => {
    const text = "Salary: $95,000 per year. We raised a minimum of nothing; maximum learning budget $2,000.";
    expect(salaryOf(text)).toMatchObject({ min: 95000, max: 95000 });
  });
});
