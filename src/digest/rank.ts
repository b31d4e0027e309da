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
  const scored = candidates.map((c, k) => ({ c, score: rankScore(strengths[k]!, c, nowMs) }));
  scored.sort((a, b) => b.score - a.score || b.c.firstSeenMs - a.c.firstSeenMs || (a.c.row.id < b.c.row.id ? -1 : 1));
  return scored.map(({ c }) => c);
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
