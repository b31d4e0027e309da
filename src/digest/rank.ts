import type { Candidate } from "./candidate";

const DAY = 86_400_000;

/**
 * The ranking score (documented in README "How the digest ranks"):
 *   match strength (stacks, focus and seniority the subscriber asked for and the listing states)
 * + freshness: up to 3 points, falling linearly to 0 for a listing posted 14 days ago
 * + 1.5 when the salary is stated.
 * Ties go to the newer listing, then the id, so the order is deterministic.
 */
export function rankScore(strength: number, c: Candidate, nowMs: number): number {
  const ageDays = Math.max(0, (nowMs - c.postedMs) / DAY);
  const freshness = 3 * Math.max(0, 1 - ageDays / 14);
  return strength + freshness + (c.salaryTopUsd !== null ? 1.5 : 0);
}

/**
 * Ranks matched candidates; `strengths[k]` is the match strength of `candidates[k]`. The rule
 * stated plainly: the weekly run sorts its survivors by index in scratch space (select.ts), and
 * a seeded test holds that to this order.
 */
export function rank(candidates: Candidate[], strengths: ArrayLike<number>, nowMs: number): Candidate[] {
  const scores = candidates.map((c, k) => rankScore(strengths[k]!, c, nowMs));
  const order = candidates.map((_, k) => k);
  // Compared, not subtracted: a difference of scores or timestamps is a heap-allocated double on
  // every call (~1,000 calls per digest), a -1/0/1 is not.
  order.sort((a, b) => {
    const sa = scores[a]!;
    const sb = scores[b]!;
    if (sa !== sb) return sa > sb ? -1 : 1;
    const fa = candidates[a]!.firstSeenMs;
    const fb = candidates[b]!.firstSeenMs;
    if (fa !== fb) return fa > fb ? -1 : 1;
    return candidates[a]!.row.id < candidates[b]!.row.id ? -1 : 1;
  });
  return order.map((k) => candidates[k]!);
}

/** At most `max` listings and at most `perCompany` from one company, in ranked order. */
export function applyLimits(ranked: Candidate[], max: number, perCompany = 2): Candidate[] {
  const perCompanyCount = new Map<string, number>();
  const picked: Candidate[] = [];
  for (const c of ranked) {
    if (picked.length >= max) break;
    const n = perCompanyCount.get(c.companyKey) ?? 0;
    if (n >= perCompany) continue;
    perCompanyCount.set(c.companyKey, n + 1);
    picked.push(c);
  }
  return picked;
}

// A sort key is (top - score) in steps of 2^-30 (~1e-9), times 2^16, plus the index: ascending
// keys are descending scores, then ascending indices. Below a score of 64 (rankScore's are 0 to
// ~25) every key is a non-negative integer under 2^53, so exact, and scaling by 2^-16 is exact too.
const SCORE_STEPS = 2 ** 30;
const INDEX_SPACE = 2 ** 16;
const MAX_SCORE = 64;
const TOP_STEPS = MAX_SCORE * SCORE_STEPS;

/**
 * The indices 0..n-1 by `scores[index]`, highest first, then by index: the first n of `order`
 * (returned as a view of them; `keys` is scratch of at least n). select.ts ranks a subscriber's
 * matches this way (~200 per digest, up to ~1,000; its indices are in position order, rank()'s
 * tie-break): packed into numbers and sorted natively, with no comparator call per comparison,
 * it takes about a third of the time.
 * Two different scores closer than a step share a bucket, so a bucket holding different scores
 * is re-sorted exactly: the order is always the comparator's.
 */
export function rankedIndices(
  scores: Float64Array,
  n: number,
  keys: Float64Array = new Float64Array(n),
  order: Int32Array = new Int32Array(n),
): Int32Array {
  const ranked = order.subarray(0, n);
  let packable = n < INDEX_SPACE;
  for (let k = 0; k < n && packable; k++) {
    const score = scores[k]!;
    if (score >= 0 && score < MAX_SCORE) keys[k] = (TOP_STEPS - Math.round(score * SCORE_STEPS)) * INDEX_SPACE + k;
    else packable = false; // never for rankScore's scores; NaN included
  }
  if (!packable) {
    // Array's sort, as rank() uses: with NaN the comparator is inconsistent and the order is the algorithm's.
    ranked.set(Array.from({ length: n }, (_, k) => k).sort(byScoreIn(scores)));
    return ranked;
  }
  const sorted = keys.subarray(0, n).sort();
  let runStart = 0;
  let runBucket = -1;
  for (let i = 0; i < n; i++) {
    const key = sorted[i]!;
    // Multiplying by a power of two and flooring: exact, and much cheaper than % or a division.
    const bucket = Math.floor(key * (1 / INDEX_SPACE));
    ranked[i] = key - bucket * INDEX_SPACE;
    if (bucket !== runBucket) {
      if (i - runStart > 1) resortRun(scores, ranked, runStart, i);
      runStart = i;
      runBucket = bucket;
    }
  }
  if (n - runStart > 1) resortRun(scores, ranked, runStart, n);
  return ranked;
}

const byScoreIn = (scores: Float64Array) => (a: number, b: number) =>
  scores[a] !== scores[b] ? (scores[a]! > scores[b]! ? -1 : 1) : a - b;

/** A bucket's indices are in index order; when their scores differ, sorts them by the comparator. */
function resortRun(scores: Float64Array, ranked: Int32Array, start: number, end: number): void {
  const first = scores[ranked[start]!];
  for (let i = start + 1; i < end; i++) {
    if (scores[ranked[i]!] !== first) {
      ranked.subarray(start, end).sort(byScoreIn(scores));
      return;
    }
  }
}
