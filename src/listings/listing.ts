import type { EmployerType, Focus, Region, RemoteScope, SalaryPeriod, Seniority, Stack } from "../domain/facets";

/** Salary as stated by the listing, plus an annual USD figure for comparison. */
export interface Salary {
  min: number | null;
  max: number | null;
  currency: string;
  period: SalaryPeriod;
  minUsdYear: number | null;
  maxUsdYear: number | null;
}

/** Who may apply from where (DESIGN.md §1). `onsite` covers on-site and hybrid roles. */
export interface Remote {
  scope: RemoteScope;
  regions: Region[];
  countries: string[];
  utcOffsetMin?: number;
  utcOffsetMax?: number;
}

/**
 * The normalised listing: the contract printed by `listings --json` and `classify`
 * (one JSON object per line). Dates are ISO 8601 strings.
 */
export interface NormalisedListing {
  id: string;
  source: string;
  sourceId: string;
  url: string;
  title: string;
  company: string;
  description: string;
  postedAt: string | null;
  firstSeenAt: string;
  lastSeenAt: string;
  status: "open" | "closed";
  isBackend: boolean;
  focus: Focus[];
  stacks: Stack[];
  seniority: Seniority | null;
  /** Every level the listing is open to ("Mid / Senior" → mid, senior); `seniority` is the best single one. */
  seniorities: Seniority[];
  salary: Salary | null;
  remote: Remote;
  employerType: EmployerType | null;
  fingerprint: string;
  scamSignals: string[];
}
