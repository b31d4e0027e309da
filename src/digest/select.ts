import type { Candidate } from "./candidate";
import { localTime } from "./local-time";
import { matchListing, matchProfile, matchStrength, type Match } from "./match";
import type { CandidatePool } from "./pool";
import { applyLimits, rankedIndices, rankScore } from "./rank";
import type { Preferences } from "../subscribers/preferences";

export interface Selection {
  /** What goes in the email: ranked, at most maxListings, at most two per company, with reasons. */
  picked: Match[];
  /** Every match, ranked (the "see all N matches" page). */
  all: Candidate[];
  /** The pool position of each of `all`, and of each of `picked` (what the ledger refers to). */
  positions: { all: Int32Array; picked: number[] };
}

export const FIRST_DIGEST_LOOKBACK_MS = 7 * 86_400_000;

/**
 * Chooses one subscriber's digest (DESIGN.md §4): open listings from the pool first seen after
 * their previous digest (or in the 7 days before now for a first digest), whose fingerprint was
 * never mailed to them, matching every filter; ranked and limited. The pool's bit sets narrow the
 * listings to look at, matchStrength checks each of those without allocating, and only the
 * picked ones get their "why it matched" words.
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
): Selection {
  const { prefs, now } = input;
  const sinceMs = input.previousComposedAt
    ? input.previousComposedAt.getTime()
    : now.getTime() - FIRST_DIGEST_LOOKBACK_MS;
  const profile = matchProfile(prefs, input.offsetMinutes ?? localTime(now, prefs.timezone).offsetMinutes);
  const nowMs = now.getTime();
  // Survivors go into the pool's scratch space (this runs once per subscriber, synchronously) and are ranked
  // by index: only `all` is allocated. Position order is rank()'s tie-break (newest first, then
  // id), so sorting by score, then position (survivors are in position order: by index), gives
  // exactly rank()'s order (a seeded test holds the two together).
  const positions = pool.candidatePositions(profile, sinceMs, input.mailedFingerprints);
  const keywordsChecked = pool.appliesKeywords(prefs);
  const survivors = pool.selectionScratch(positions.length);
  let n = 0;
  for (let k = 0; k < positions.length; k++) {
    const candidate = pool.at(positions[k]!);
    const strength = matchStrength(candidate, profile, true, keywordsChecked); // candidatePositions applied the remote rule
    if (strength < 0) continue;
    survivors.positions[n] = positions[k]!;
    survivors.scores[n] = rankScore(strength, candidate, nowMs);
    n++;
  }
  const order = rankedIndices(survivors.scores, n, survivors.keys, survivors.order);
  const at = survivors.positions;
  const all = new Array<Candidate>(n);
  const allPositions = new Int32Array(n);
  for (let k = 0; k < n; k++) all[k] = pool.at((allPositions[k] = at[order[k]!]!));
  const limited = applyLimits(all, prefs.maxListings);
  // applyLimits keeps a subsequence of `all`: one walk finds each one's position.
  const pickedPositions = new Array<number>(limited.length);
  for (let k = 0, j = 0; k < limited.length; k++, j++) {
    while (all[j] !== limited[k])
      if (++j >= n) throw new Error("applyLimits must keep a subsequence of the ranked list");
    pickedPositions[k] = allPositions[j]!;
  }
  return {
    picked: limited.map((c) => matchListing(c, profile)!),
    all,
    positions: { all: allPositions, picked: pickedPositions },
  };
}

export type { Preferences };
