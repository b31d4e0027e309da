import type { Candidate } from "./candidate";
import { localTime } from "./local-time";
import { matchListing, matchProfile, matchStrength, type Match } from "./match";
import type { CandidatePool } from "./pool";
import { applyLimits, rank } from "./rank";
import type { Preferences } from "../subscribers/preferences";

export const FIRST_DIGEST_LOOKBACK_MS = 7 * 86_400_000;

/**
 * Chooses one subscriber's digest (DESIGN.md §4): open listings from the pool first seen after
 * their previous digest (or in the 7 days before now for a first digest), whose fingerprint was
 * never mailed to them, matching every filter. `all`: every match, ranked (the "see all" page);
 * `picked`: what goes in the email (at most maxListings, two per company), with their "why" words.
 */
export function selectForSubscriber(
  pool: CandidatePool,
  input: {
    prefs: Preferences;
    now: Date;
    previousComposedAt: Date | null;
    mailedFingerprints: ReadonlySet<string>;
    offsetMinutes?: number;
  },
): { picked: Match[]; all: Candidate[] } {
  const { prefs, now } = input;
  const sinceMs = input.previousComposedAt?.getTime() ?? now.getTime() - FIRST_DIGEST_LOOKBACK_MS;
  const profile = matchProfile(prefs, input.offsetMinutes ?? localTime(now, prefs.timezone).offsetMinutes);
  const matched: Candidate[] = [];
  const strengths: number[] = [];
  for (const candidate of pool.newestFirst) {
    // A run with --now in the past sees only what had been seen by then, as it would have.
    if (candidate.firstSeenMs > now.getTime()) continue;
    if (candidate.firstSeenMs <= sinceMs) break;
    if (input.mailedFingerprints.has(candidate.row.fingerprint)) continue;
    // A post that does not say where from, of a job another post seen by now says it for: that one decides.
    if ((pool.statedElsewhere.get(candidate) ?? Number.POSITIVE_INFINITY) <= now.getTime()) continue;
    // The same job mailed before under a post that said (or did not say) where from.
    if (input.mailedFingerprints.size && candidate.sameJob.some((fp) => input.mailedFingerprints.has(fp))) continue;
    const strength = matchStrength(candidate, profile);
    if (strength < 0) continue;
    matched.push(candidate);
    strengths.push(strength);
  }
  const all = rank(matched, strengths, now.getTime());
  return { picked: applyLimits(all, prefs.maxListings).map((c) => matchListing(c, profile)!), all };
}
