import type { Db } from "../../db/client";
import { listings, type ListingRow } from "../../db/schema";
import type { Remote, Salary } from "../../src/listings/listing";
import type { ListingCandidate } from "../../src/listings/store";
import { rowToNormalised } from "../../src/listings/rows";

/**
 * Listings with explicit facets, so digest tests say exactly what each listing is. Everything a
 * test does not mention is neutral: open, backend, remote worldwide, no stack/focus/seniority,
 * no salary, no employer type, no scam signals.
 */
export type ListingOverrides = Partial<Omit<ListingRow, "remoteScope">>;

let sequence = 0;

export const worldwide = (extra: Partial<Remote> = {}): Remote => ({
  scope: "worldwide",
  regions: [],
  countries: [],
  ...extra,
});
export const inRegions = (...regions: Remote["regions"]): Remote => ({ scope: "regions", regions, countries: [] });
export const inCountries = (...countries: string[]): Remote => ({ scope: "countries", regions: [], countries });
export const remoteUnknown = (): Remote => ({ scope: "unknown", regions: [], countries: [] });
export const onsite = (): Remote => ({ scope: "onsite", regions: [], countries: [] });

/** An annual USD salary; `null` for an open end. */
export const usdYear = (min: number | null, max: number | null): Salary => ({
  min,
  max,
  currency: "USD",
  period: "year",
  minUsdYear: min,
  maxUsdYear: max,
});

/** A complete listing row, not stored. `firstSeenAt` defaults to `at`. */
export function listingRow(overrides: ListingOverrides = {}, at: Date = new Date("2026-03-20T12:00:00Z")): ListingRow {
  const n = ++sequence;
  const remote = overrides.remote ?? worldwide();
  const firstSeenAt = overrides.firstSeenAt ?? at;
  const company = overrides.company ?? `Company ${n}`;
  const title = overrides.title ?? `Backend Engineer ${n}`;
  return {
    id: `test:${n}`,
    source: "greenhouse",
    sourceId: String(n),
    url: `https://boards.greenhouse.io/company${n}/jobs/${n}`,
    description: "Build and run the services behind our product.",
    postedAt: firstSeenAt,
    expiresAt: null,
    lastSeenAt: firstSeenAt,
    status: "open",
    closedAt: null,
    closedReason: null,
    reopenedAt: null,
    isBackend: true,
    focus: [],
    stacks: [],
    seniority: null,
    seniorities: [],
    salary: null,
    employerType: null,
    fingerprint: `fp:${company}:${title}:${n}`.toLowerCase(),
    scamSignals: [],
    repostCount: 0,
    manual: false,
    tags: [],
    verifiedAt: null,
    ...overrides,
    title,
    company,
    firstSeenAt,
    remote,
    remoteScope: remote.scope,
  };
}

/** Stores one listing row directly (facets exactly as given) and returns it. */
export async function givenListing(db: Db, overrides: ListingOverrides = {}, at?: Date): Promise<ListingRow> {
  const row = listingRow(overrides, at);
  await db.insert(listings).values(row);
  return row;
}

/** What a source adapter would hand storeFetchedListings, from the same defaults. */
export function listingCandidate(overrides: ListingOverrides = {}): ListingCandidate {
  return {
    ...rowToNormalised(listingRow(overrides)),
    status: "open",
    expiresAt: overrides.expiresAt?.toISOString() ?? null,
  };
}
