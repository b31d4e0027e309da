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

  it("counts the server-side JavaScript runtimes Bun and Cloudflare Workers as node", () => {
    expect(stacksOf("Founding Engineer", "TypeScript, Effect, Bun, PostgreSQL, AWS.")).toEqual(["node"]);
    expect(stacksOf("Software Engineer", "TypeScript, SvelteKit, Cloudflare Workers, Postgres.")).toEqual(["node"]);
    // The word, not the runtime: a bun is no stack.
    expect(stacksOf("Software Engineer", "Free bun and coffee every Friday.")).toEqual([]);
  });

  it("counts TypeScript as node for a full-stack role that names the server as its side", () => {
    expect(stacksOf("Full-Stack Engineer (Backend)", "Proficient in TypeScript/JavaScript and a cloud.")).toEqual([
      "node",
    ]);
    expect(stacksOf("Fullstack Developer - APIs", "You write TypeScript every day.")).toEqual(["node"]);
    expect(stacksOf("Full Stack Engineer, Frontend/Backend", "You write TypeScript every day.")).toEqual([]);
  });

  it("does not count TypeScript as node for client, full-stack or infrastructure roles without server words", () => {
    expect(stacksOf("Full Stack Engineer", "You write TypeScript every day.")).toEqual([]);
    expect(stacksOf("Backend Engineer", "TypeScript and React for our admin screens.")).toEqual([]);
    expect(stacksOf("DevOps Engineer", "Tech stack: Python, TypeScript, Postgres.")).toEqual(["python"]);
  });
});

describe("stacks: languages the role does not write", () => {
  it("leaves out the languages of the product's users (SDKs for, integrates with)", () => {
    expect(
      stacksOf("Backend Engineer", "We ship SDKs for Python, Ruby and Java. Our backend is written in Elixir."),
    ).toEqual(["elixir"]);
    expect(
      stacksOf("Backend Engineer", "Our tool integrates with apps written in PHP. You will write Rust services."),
    ).toEqual(["rust"]);
  });

  it("leaves out a multi-role post's lines for frontend, mobile or science roles", () => {
    const text =
      "Open roles:\n- Backend Engineer (Go, Postgres)\n- Data Scientist (Python, R)\n* Frontend Engineer: TypeScript";
    expect(stacksOf("Acme | Several roles | Remote", text)).toEqual(["go"]);
  });

  it("keeps those lines' languages when the listing is itself such a role", () => {
    expect(stacksOf("Data Scientist", "- Data Scientist (Python, SQL)")).toEqual(["python"]);
  });

  it("leaves out languages the ad says are not needed or only help", () => {
    expect(stacksOf("Backend Engineer", "No Go experience required.")).toEqual([]);
    expect(stacksOf("Backend Engineer", "You don't need to know Elixir; we'll teach you.")).toEqual([]);
    expect(stacksOf("Backend Engineer", "Strong Java. Experience with Python helps.")).toEqual(["java"]);
  });
});

describe("stacks: optional as ads word it", () => {
  it("reads a 'Desired' section as optional", () => {
    const text = "Requirements:\n- Kubernetes and Terraform\nDesired Requirements:\n- Fluency in Python";
    expect(stacksOf("Site Reliability Engineer", text)).toEqual([]);
  });

  it("reads a list after an optional lead-in ('… a plus:') as optional, all of it", () => {
    expect(stacksOf("Backend Engineer", "Exposure to these is a plus: Java, React, Python, Kafka.")).toEqual([]);
  });

  it("reads 'some Rust' as a language used a little", () => {
    expect(stacksOf("Backend Engineer", "All Elixir and Phoenix. We do some Rust for hot paths.")).toEqual(["elixir"]);
  });

  it("reads 'helps' as optional only at the end of a clause, not as a verb", () => {
    expect(stacksOf("Backend Engineer", "Our Java platform helps banks settle payments.")).toEqual(["java"]);
  });
});

describe("stacks: examples and glue languages", () => {
  it("reads 'languages including …' as examples, like 'languages like …'", () => {
    expect(stacksOf("DevOps Engineer", "Scripting languages including Bash, Python.")).toEqual([]);
    expect(stacksOf("Software Engineer", "We use a variety of languages, including Java and Go.")).toEqual([]);
  });

  it("leaves out a language named only for scripts or ETLs", () => {
    const text = "Our stack:\n- Node / TypeScript microservices\n- Python ETLs\n- Bash scripts";
    expect(stacksOf("Senior Backend Engineer", text)).toEqual(["node"]);
  });
});

describe("stacks: a DevOps or SRE role takes its own layer's languages, not the apps'", () => {
  it("leaves out a stack line for the applications' layer", () => {
    const text =
      "Languages/Apps: Node.js microservices, Python workers.\nRequirements: strong Terraform, scripting in Go.";
    expect(stacksOf("Senior DevOps Engineer", text)).toEqual(["go"]);
  });

  it("leaves out what the company says it runs", () => {
    const text = "We're a travel company running Ruby on Rails services on AWS. You'll own Terraform and Kubernetes.";
    expect(stacksOf("Cloud & DevOps Engineer", text)).toEqual([]);
  });

  it("leaves out the shared stack line of a post that also hires other kinds of role", () => {
    const text = "Stack: Swift, Node.js, Postgres, Terraform, AWS.";
    expect(stacksOf("iOS Engineers, DevOps Engineers and Engineering Managers", text)).toEqual([]);
  });

  it("keeps the stack line of a post hiring only the infrastructure role, and any backend role's stack", () => {
    expect(stacksOf("Site Reliability Engineer", "Tech: Python, Terraform, Kubernetes.")).toEqual(["python"]);
    expect(stacksOf("Backend Engineer", "We're a travel company running Ruby on Rails services.")).toEqual(["ruby"]);
  });
});

describe("stacks: a language used a little, with the kind of work named first", () => {
  it("reads 'some development in Python' like 'some Python'", () => {
    expect(stacksOf("Backend Engineer", "We write Rust services. We have some development in Python too.")).toEqual([
      "rust",
    ]);
    expect(stacksOf("Backend Engineer", "Mostly Elixir, with a little scripting in Ruby.")).toEqual(["elixir"]);
    // Work done in a language, with no "some" before it, is the role's.
    expect(stacksOf("Backend Engineer", "Our development in Python is growing.")).toEqual(["python"]);
  });
});

describe("stacks: JavaScript beside a server framework that renders the pages", () => {
  it("is that app's client side, not node", () => {
    const text = "You have 5+ years building backend systems and are strong in Ruby on Rails and JavaScript.";
    expect(stacksOf("Senior Software Engineer", text)).toEqual(["ruby"]);
    expect(stacksOf("Backend Engineer", "Our backend services: Django and JavaScript.")).toEqual(["python"]);
  });

  it("is node when the sentence names Node.js, or when no other server framework is named", () => {
    expect(stacksOf("Backend Engineer", "Backend services in Django and Node.js.")).toEqual(["python", "node"]);
    expect(stacksOf("Software Engineer", "Strong TypeScript for our backend services.")).toEqual(["node"]);
  });
});

describe("stacks: the data pipelines' language belongs to the data roles", () => {
  it("leaves PySpark out of a product-backend role's stack, and keeps it for a data role", () => {
    const text = "Our stack: Go, PostgreSQL, PySpark, BigQuery, Kubernetes.";
    expect(stacksOf("Backend Engineer", text)).toEqual(["go"]);
    expect(stacksOf("Data Engineer", text)).toEqual(["python", "go"]);
  });
});

describe("stacks: a language whose bracket names a client app", () => {
  it("is that app's language, not the server's", () => {
    const text = "Technologies we use: Go, Ruby on Rails, Objective-C (Mac App), C# (Windows App), Kotlin (Android).";
    expect(stacksOf("Platform Engineer", text)).toEqual(["go", "ruby"]);
  });

  it("still counts a bracket naming the server side, and the app's language for the app's own role", () => {
    expect(stacksOf("Backend Engineer", "Stack: C# (backend services), React.")).toEqual(["dotnet"]);
    expect(stacksOf("Android Engineer", "Stack: Kotlin (Android), Go (backend).")).toContain("kotlin");
  });
});

describe("stacks: Go in a title-cased title", () => {
  it("reads Go before a capitalised role noun or API as the language", () => {
    expect(stacksOf("Senior Go Engineer", "Build services.")).toEqual(["go"]);
    expect(stacksOf("Go Developer", "Build services.")).toEqual(["go"]);
    expect(stacksOf("Staff Go Backend Engineer", "Build services.")).toEqual(["go"]);
    expect(stacksOf("Backend Engineer", "You will build Go APIs.")).toEqual(["go"]);
  });

  it("still reads a capitalised Go verb as no language", () => {
    expect(stacksOf("Backend Engineer", "Go Beyond: our values. Go Live with us.")).toEqual([]);
    expect(stacksOf("Go-To-Market Engineer", "Build services.")).toEqual([]);
  });
});
