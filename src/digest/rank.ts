import type { Candidate } from "./candidate";

const DAY = 86_400_000;

/**
 * The ranking score (documented in README "How the digest ranks"):
 *   match strength (stacks, focus and seniority the subscriber asked for and the listing states)
 * + freshness: up to 3 points, falling linearly to 0 for a listing posted 14 days ago
 * + 1.5 when the salary is stated.
 * Ties go to the newer listing, then the id, so the order is deterministic.
 */
function rankScore(strength: number, c: Candidate, nowMs: number): number {
  const ageDays = Math.max(0, (nowMs - c.postedMs) / DAY);
  const freshness = 3 * Math.max(0, 1 - ageDays / 14);
  return strength + freshness + (c.salaryTopUsd !== null ? 1.5 : 0);
}

/** Ranks matched candidates; `strengths[k]` is the match strength of `candidates[k]`. */
export function rank(candidates: Candidate[], strengths: ArrayLike<number>, nowMs: number): Candidate[] {
  const scores = candidates.map((c, k) => rankScore(strengths[k]!, c, nowMs));
  const order = candidates.map((_, k) => k);
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
