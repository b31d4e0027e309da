import type { Match } from "./match";

const DAY = 86_400_000;

/**
 * The ranking score (documented in README "How the digest ranks"):
 *   match strength (stacks, focus and seniority the subscriber asked for and the listing states)
 * + freshness: up to 3 points, falling linearly to 0 for a listing posted 14 days ago
 * + 1.5 when the salary is stated.
 * Ties go to the newer listing, then the id, so the order is deterministic.
 */
export function score(match: Match, nowMs: number): number {
  const ageDays = Math.max(0, (nowMs - match.candidate.postedMs) / DAY);
  const freshness = 3 * Math.max(0, 1 - ageDays / 14);
  return match.score + freshness + (match.candidate.salaryTopUsd !== null ? 1.5 : 0);
}

export function rankMatches(matches: Match[], nowMs: number): Match[] {
  const scored = matches.map((m) => ({ m, s: score(m, nowMs) }));
  scored.sort((a, b) => b.s - a.s || b.m.candidate.firstSeenMs - a.m.candidate.firstSeenMs || (a.m.candidate.row.id < b.m.candidate.row.id ? -1 : 1));
  return scored.map((x) => x.m);
}

/** At most `max` listings and at most `perCompany` from one company, in ranked order. */
export function applyLimits(ranked: Match[], max: number, perCompany = 2): Match[] {
  const perCompanyCount = new Map<string, number>();
  const picked: Match[] = [];
  for (const m of ranked) {
    if (picked.length >= max) break;
    const n = perCompanyCount.get(m.candidate.companyKey) ?? 0;
    if (n >= perCompany) continue;
    perCompanyCount.set(m.candidate.companyKey, n + 1);
    picked.push(m);
  }
  return picked;
}
