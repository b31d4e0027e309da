import { companyKey } from "./candidate";
import { localTime } from "./local-time";
import { matchListing, type Match, type MatchProfile } from "./match";
import type { CandidatePool } from "./pool";
import { applyLimits, rankMatches } from "./rank";
import type { Preferences } from "../subscribers/preferences";

export interface Selection {
  /** What goes in the email: ranked, at most maxListings, at most two per company. */
  picked: Match[];
  /** Every match, ranked (the "see all N matches" page); only picked ones carry their reasons. */
  all: Match[];
}

export const FIRST_DIGEST_LOOKBACK_MS = 7 * 86_400_000;

/**
 * Chooses one subscriber's digest (DESIGN.md §4): open listings from the pool first seen after
 * their previous digest (or in the 7 days before now for a first digest), whose fingerprint was
 * never mailed to them, matching every filter; ranked and limited.
 */
export function selectForSubscriber(
  pool: CandidatePool,
  input: { prefs: Preferences; now: Date; previousComposedAt: Date | null; mailedFingerprints: ReadonlySet<string> },
): Selection {
  const { prefs, now } = input;
  const sinceMs = input.previousComposedAt ? input.previousComposedAt.getTime() : now.getTime() - FIRST_DIGEST_LOOKBACK_MS;
  const profile: MatchProfile = {
    prefs,
    offsetMinutes: localTime(now, prefs.timezone).offsetMinutes,
    excludedCompanyKeys: prefs.excludedCompanies.map(companyKey).filter(Boolean),
  };
  const matches: Match[] = [];
  const fingerprints = new Set<string>();
  for (const candidate of pool.newSince(sinceMs, prefs.stacks)) {
    const fp = candidate.row.fingerprint;
    if (input.mailedFingerprints.has(fp) || fingerprints.has(fp)) continue;
    const match = matchListing(candidate, profile, false);
    if (match) {
      matches.push(match);
      fingerprints.add(fp);
    }
  }
  const all = rankMatches(matches, now.getTime());
  const picked = applyLimits(all, prefs.maxListings);
  // The "why it matched" words are only shown for what goes in the email: build them for those alone.
  for (const m of picked) m.reasons = matchListing(m.candidate, profile)!.reasons;
  return { picked, all };
}

export type { Preferences };
