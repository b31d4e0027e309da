import type { SalaryPeriod } from "../../domain/facets";

/** A salary exactly as a source's structured fields state it (never converted). */
export interface SalaryHint {
  min: number | null;
  max: number | null;
  currency: string;
  period: SalaryPeriod;
}

/** What a source's own fields say about where the work happens. */
export type WorkplaceHint = "remote" | "hybrid" | "onsite";

/**
 * Structured facts a source gives next to the free text. Every field is optional because
 * most sources only have a few of them; the classifier treats an absent hint as "unknown",
 * never as "no".
 */
export interface ListingHints {
  salary?: SalaryHint | null;
  workplace?: WorkplaceHint | null;
  /** The board lists remote jobs only, so a bare location is where applicants must live. */
  remoteOnlyBoard?: boolean;
  /** Structured seniority/level/experience field, as the source spells it. */
  level?: string | null;
  /** Free-text locations besides `location` (secondary offices, allLocations…). */
  locations?: string[];
  /** Office addresses: they tell the country of an on-site job, never a remote restriction. */
  officeLocations?: string[];
  /** ISO 3166 alpha-2 codes from structured fields (office or required country). */
  countryCodes?: string[];
  /** Where applicants must live, from a structured field (Himalayas, JSON-LD). */
  applicantLocations?: string[];
  /** Allowed UTC offsets in hours, from a structured field (Himalayas). */
  utcOffsets?: number[];
  tags?: string[];
  /** Department, team, category or function names. */
  categories?: string[];
  employmentType?: string | null;
}

/**
 * The intermediate shape every adapter produces: what the source said, lightly cleaned
 * (entities in titles decoded, dates as ISO strings) but not yet classified.
 */
export interface RawListing {
  sourceId: string;
  url: string;
  title: string;
  company: string;
  /** The description as HTML (untrusted) … */
  descriptionHtml: string | null;
  /** … or as plain text when the source only has that. */
  descriptionText: string | null;
  postedAt: string | null;
  /** From validThrough, expires_at, expiryDate…: the listing is closed after this. */
  expiresAt: string | null;
  /** The main free-text location, "" when the source gives none. */
  location: string;
  hints: ListingHints;
}

/** Per-call context: the configured source's name and, for single-employer boards, its company. */
export interface SourceContext {
  sourceName: string;
  company?: string;
}

/** Board identifier and options an adapter needs to build its public API URL. */
export interface SourceFetchConfig {
  board: string;
  [option: string]: string | undefined;
}

/** What one payload gave: its listings, and the items skipped as malformed (with the first reasons). */
export interface ParsedPayload {
  listings: RawListing[];
  skipped: number;
  /** Up to five reasons, e.g. "item is not an object (number)" or "too deeply nested". */
  problems: string[];
}

/** One adapter per source type: pure, synchronous, no I/O. Built with defineAdapter (define-adapter.ts). */
export interface SourceAdapter {
  type: string;
  /**
   * Parses a whole fetched payload. A malformed item is skipped and counted; a malformed
   * envelope, or a payload whose every item is malformed, throws SourceParseError.
   */
  parsePayload(payloadText: string, ctx: SourceContext): ParsedPayload;
  /** parsePayload's listings alone. */
  parse(payloadText: string, ctx: SourceContext): RawListing[];
  /** Parses one item of the payload, as found in its envelope; throws SourceParseError. */
  parseItem(item: unknown, ctx: SourceContext): RawListing;
  /** The public URL to fetch for a board, or null when the source has no fetchable feed. */
  fetchUrl(config: SourceFetchConfig): string | null;
  /** Remote OK's terms require a followed link back; the digest shows this line. */
  attribution?: string;
}

/**
 * A payload that is not what the source type promises (not JSON, wrong envelope shape).
 * The caller stores nothing from that fetch, and never closes listings because of it.
 */
export class SourceParseError extends Error {
  override readonly name = "SourceParseError";
  readonly code = "SOURCE_PARSE_ERROR";

  constructor(
    readonly sourceType: string,
    readonly problem: string,
  ) {
    super(`${sourceType}: ${problem}`);
  }
}
