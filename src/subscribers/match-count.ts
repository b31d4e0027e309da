import type { Db } from "../../db/client";
import { EMPLOYER_TYPES, type EmployerType } from "../domain/facets";
import { loadPool, poolSignature } from "../digest/load";
import type { CandidatePool } from "../digest/pool";
import { FIRST_DIGEST_LOOKBACK_MS, selectForSubscriber } from "../digest/select";
import { DEFAULT_PREFERENCES, type PreferenceField, type Preferences } from "./preferences";

export const MATCH_WINDOW_DAYS = FIRST_DIGEST_LOOKBACK_MS / 86_400_000;

/**
 * The mailable listings for the forms' live count, per app (not per module: STYLE.md §24). The
 * pool is reloaded when the listings' change counter moves; `maxAgeMs` lets a page skip even that
 * one-row read for a moment (the subscribe page, served many times a second under load).
 */
export class MatchPool {
  constructor(
    private readonly db: Db,
    private readonly cache: PoolCache = newPoolCache(),
  ) {}

  async current(maxAgeMs = 0): Promise<CandidatePool> {
    const started = performance.now();
    const cache = this.cache;
    if (cache.pool && started - cache.checkedAt <= maxAgeMs) return cache.pool;
    const signature = await poolSignature(this.db);
    if (!cache.pool || cache.pool.signature !== signature) cache.pool = await loadPool(this.db);
    cache.checkedAt = started;
    return cache.pool;
  }
}

/**
 * What a MatchPool keeps between reads. Plain data (the listings, no database handle), so an
 * entry whose app lives for one request (the Worker) can keep it across requests and give each
 * request's MatchPool its own database.
 */
export interface PoolCache {
  pool: CandidatePool | null;
  checkedAt: number;
}

export const newPoolCache = (): PoolCache => ({ pool: null, checkedAt: -Infinity });

/**
 * How many listings a new subscriber with these filters would get in a digest composed now:
 * the weekly run's own selection (digest/select.ts) with no previous digest and nothing mailed,
 * so the number is exactly the digest preview's "N matches" for them.
 */
export function countMatches(pool: CandidatePool, prefs: Preferences, now: Date): number {
  return selectForSubscriber(pool, { prefs, now, previousComposedAt: null, mailedFingerprints: new Set() }).all.length;
}

/** The filters in the order the form asks them, each with what it adds to the defaults. */
const FILTER_STEPS: {
  field: PreferenceField;
  label: string;
  apply: (p: Preferences, from: Preferences) => Preferences;
}[] = [
  { field: "country", label: "Where you can work from", apply: (p, f) => ({ ...p, country: f.country }) },
  { field: "stacks", label: "Stacks", apply: (p, f) => ({ ...p, stacks: f.stacks }) },
  { field: "seniority", label: "Seniority", apply: (p, f) => ({ ...p, seniority: f.seniority }) },
  { field: "focus", label: "Focus", apply: (p, f) => ({ ...p, focus: f.focus }) },
  {
    field: "minSalaryUsd",
    label: "Minimum salary",
    apply: (p, f) => ({ ...p, minSalaryUsd: f.minSalaryUsd, includeNoSalary: f.includeNoSalary }),
  },
  {
    field: "employerTypes",
    label: "Employers",
    apply: (p, f) => ({ ...p, employerTypes: f.employerTypes, includeUnknownEmployer: f.includeUnknownEmployer }),
  },
  { field: "mustHave", label: "Must mention", apply: (p, f) => ({ ...p, mustHaveKeywords: f.mustHaveKeywords }) },
  { field: "excludeKeywords", label: "Leave out", apply: (p, f) => ({ ...p, excludedKeywords: f.excludedKeywords }) },
  {
    field: "excludeCompanies",
    label: "Leave out these companies",
    apply: (p, f) => ({ ...p, excludedCompanies: f.excludedCompanies }),
  },
];

export interface EmptyReason {
  field: PreferenceField | null;
  message: string;
}

/**
 * When nothing matches, which filter empties the result: the one whose removal alone (every other
 * filter kept) brings back the most listings, named with that count. When no single removal brings
 * any back, the first filter that takes the count to zero in the form's order is named, and the
 * message says the filters only match nothing together. Null when something matches.
 */
export function explainEmpty(pool: CandidatePool, prefs: Preferences, now: Date): EmptyReason | null {
  if (countMatches(pool, prefs, now) > 0) return null;
  const base: Preferences = { ...DEFAULT_PREFERENCES, timezone: prefs.timezone, maxListings: prefs.maxListings };
  if (countMatches(pool, base, now) === 0)
    return {
      field: null,
      message: `No listing from the past ${MATCH_WINDOW_DAYS} days is open to your timezone yet: new ones arrive every few hours.`,
    };
  let best: { step: (typeof FILTER_STEPS)[number]; without: number } | null = null;
  for (const step of FILTER_STEPS) {
    const without = countMatches(pool, step.apply(prefs, base), now);
    if (without > (best?.without ?? 0)) best = { step, without };
  }
  const weekly = "You get a digest only in weeks when something matches.";
  if (best) {
    const { step, without } = best;
    return {
      field: step.field,
      message: `Nothing matches because of "${step.label}": without it, ${without} listing${without === 1 ? "" : "s"} from the past ${MATCH_WINDOW_DAYS} days would match. ${weekly}`,
    };
  }
  let current = base;
  for (const step of FILTER_STEPS) {
    current = step.apply(current, prefs);
    if (countMatches(pool, current, now) === 0) {
      return {
        field: step.field,
        message: `Nothing matches these filters together: "${step.label}" leaves none with the filters before it, and taking out any one filter still leaves none. ${weekly}`,
      };
    }
  }
  return { field: null, message: `Nothing matches these filters together. ${weekly}` };
}

/** The employer types the pool's listings carry (only these are worth offering as a filter). */
export function employerTypesInPool(pool: CandidatePool): EmployerType[] {
  const bits = pool.newestFirst.reduce((all, c) => all | c.employerBit, 0);
  return EMPLOYER_TYPES.filter((_, i) => bits & (1 << i));
}
