import { describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { minimumYears } from "../../../src/listings/classify/seniority";
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

describe("salary ranges as written around the world", () => {
  const salaryOf = (text: string) => {
    const s = classify(rawListing({ title: "Backend Engineer", descriptionText: text })).salary;
    return s && { min: s.min, max: s.max, currency: s.currency, period: s.period };
  };

  it.each([
    ["Salary: CHF 120'000 – 140'000", { min: 120000, max: 140000, currency: "CHF", period: "year" }],
    ["Salary: ₹25,00,000 - ₹35,00,000", { min: 2500000, max: 3500000, currency: "INR", period: "year" }],
    ["Gehalt: 65.000€ - 80.000€", { min: 65000, max: 80000, currency: "EUR", period: "year" }],
    ["Contract, $65/hr - $75/hr", { min: 65, max: 75, currency: "USD", period: "hour" }],
  ])("%s", (text, salary) => {
    expect(salaryOf(text)).toEqual(salary);
  });

  it("a figure the customers save is not pay", () => {
    expect(salaryOf("Our customers save $30,000 per year with our scheduling tool.")).toBeNull();
  });

  // A "Company | Role | Place | Pay" header line, as Hacker News posts write them.
  it.each([
    // A perk in an earlier segment leaves the pay segment pay.
    ["Acme | Backend Engineer | Onsite, relocation provided | $100k-160k + bonus", 100000, 160000, "USD"],
    // A single figure opening its own segment is the pay; "+ benefits" adds to it, "+" on the figure opens it.
    ["Acme | Backend Engineer | Remote (US) | $150K + benefits", 150000, 150000, "USD"],
    ["Acme | Backend Engineer | London | £150k+ cash/equity", 150000, null, "GBP"],
    // The header's figure restated as a range in the text: the range.
    ["Acme | Backend Engineer | UK | £90k + equity\n\nDeal: £70k - £90k + equity.", 70000, 90000, "GBP"],
  ])("%s", (text, min, max, currency) => {
    expect(salaryOf(text)).toEqual({ min, max, currency, period: "year" });
  });

  it("a lone figure in the text that is the low end of the board's range gives the board's range", () => {
    const field = { min: 75000, max: 108000, currency: "CAD", period: "year" as const };
    const withField = (text: string) =>
      classify(rawListing({ title: "DevOps Engineer", descriptionText: text, hints: { salary: field } })).salary;
    // A typo cut the text's range short ("108,00"): the board's range agrees with its low end.
    expect(withField("The anticipated range is 75,000 CAD to 108,00 CAD.")).toMatchObject({ min: 75000, max: 108000 });
    // A text that states other pay still wins over the board.
    expect(withField("Salary: 80,000 CAD per year.")).toMatchObject({ min: 80000, max: 80000 });
  });

  it("a perk's budget in a table row or a two-part line is still no pay", () => {
    expect(salaryOf("Perks:\n| Relocation | $10,000 |\n| Learning | $2,000 |")).toBeNull();
    expect(salaryOf("Relocation | $10,000")).toBeNull();
    expect(salaryOf("Acme | Backend Engineer | Remote | 401k")).toBeNull();
  });
});

describe("stacks: languages the role does not work in", () => {
  const stacksOf = (text: string) => classify(rawListing({ title: "Backend Engineer", descriptionText: text })).stacks;

  it("a graph editor's nodes, a frontend stack's JavaScript and 'a bit of' a language are not stacks", () => {
    expect(stacksOf("Build node-based editors in Go.")).toEqual(["go"]);
    expect(stacksOf("Our stack: Ruby, JavaScript, Backbone.js, SASS/CSS and web services.")).toEqual(["ruby"]);
    expect(stacksOf("Stack: Go services, Postgres, a bit of Python for scripts.")).toEqual(["go"]);
  });

  it("Go named after a colon, before 'skills' or as 'Go-based' is the language", () => {
    expect(stacksOf("Backend: Go")).toEqual(["go"]);
    expect(stacksOf("Solid Go skills and Postgres.")).toEqual(["go"]);
    expect(stacksOf("You will own Go-based microservices.")).toEqual(["go"]);
    expect(stacksOf("Plan the go-to-market and go live.")).toEqual([]);
  });

  it("a language the team 'also uses' is not required", () => {
    expect(stacksOf("Expert Python required, we also use Java where needed.")).toEqual(["python"]);
  });
});

describe("minimum years as job ads write them", () => {
  it.each([
    ["Experience: 3-5 years", 3],
    ["Candidates need experience of 6+ years in backend work.", 6],
    ["Years of experience: 5+", 5],
    ["You have spent 5+ years shipping production code.", 5],
    ["4+ YOE with Go.", 4],
  ])("%s → %i", (text, years) => {
    expect(minimumYears(text)).toBe(years);
  });
});

describe("level words of other languages", () => {
  const levelOf = (title: string) => classify(rawListing({ title })).seniority;

  it.each([
    ["Desenvolvedor Backend Java Sênior", "senior"],
    ["Desenvolvedora Backend Pleno", "mid"],
    ["Desarrollador Backend Semi Senior", "mid"],
    ["Desarrollador Node.js SSr", "mid"],
    ["Medior Backend Developer", "mid"],
    ["Desarrollador Backend Júnior", "junior"],
  ])("%s → %s", (title, level) => {
    expect(levelOf(title)).toBe(level);
  });
});

describe("role titles in other languages", () => {
  const facts = (title: string, text = "") => {
    const { isBackend, focus, stacks } = classify(rawListing({ title, descriptionText: text }));
    return { isBackend, focus, stacks };
  };

  it("reads Portuguese, Spanish, French, Italian, German and Dutch role words as the English ones", () => {
    expect(facts("Engenheiro de Dados Pleno")).toMatchObject({ isBackend: true, focus: ["data"] });
    expect(facts("Ingeniera de Datos")).toMatchObject({ isBackend: true, focus: ["data"] });
    expect(facts("Desenvolvedor Java Pleno")).toMatchObject({ isBackend: true, stacks: ["java"] });
    expect(facts("Programador PHP Sênior")).toMatchObject({ isBackend: true, stacks: ["php"] });
    expect(facts("Senior Softwareentwickler:in Java")).toMatchObject({ isBackend: true, stacks: ["java"] });
    expect(facts("Cloud-Ingenieur Kubernetes")).toMatchObject({ isBackend: true, focus: ["platform"] });
    expect(facts("Sviluppatore Python")).toMatchObject({ isBackend: true, stacks: ["python"] });
    expect(facts("Engenheiro(a) de IA", "Construir agentes e APIs com LLMs.").isBackend).toBe(true);
  });

  it("reads interns in those languages as junior, as the labelling rules read interns", () => {
    for (const title of ["Estagiário Backend", "Becario Backend Python", "Stagiaire Développeur Backend"])
      expect(classify(rawListing({ title })).seniority, title).toBe("junior");
  });

  it("keeps their other roles other, and a generic one generic", () => {
    expect(facts("Analista de Dados").isBackend).toBe(false);
    expect(facts("Cientista de Dados Sênior").isBackend).toBe(false);
    expect(facts("Desenvolvedor Front-end React").isBackend).toBe(false);
    // "Engenheiro de Software" names no backend work: the text decides, as for "Software Engineer".
    expect(facts("Engenheiro de Software Sênior").isBackend).toBe(false);
  });
});
