import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import type { Preferences } from "../subscribers/preferences";
import { weekBefore } from "../subscribers/next-digest";

/**
 * How recently an empty week must have been recorded to still earn a note: long enough for the
 * next tick to finish what a killed run left, short enough that nobody gets a note days late.
 */
const RECENT_MS = 2 * 86_400_000;
/** Subscribers checked per query (ids + periods stay well under D1's 100 parameters). */
const CHUNK = 30;

export interface EmptyStreak {
  subscriberId: string;
  email: string;
  prefs: Preferences;
  /** The second empty week: the note's ledger period. */
  period: string;
}

/**
 * Confirmed, unpaused subscribers with notes on whose digest for a week was skipped as empty
 * (nothing matched: `total_matches = 0`, not a suppressed address or a slot missed by too much),
 * the week before that too, and not the week before that: the streak has just reached two weeks,
 * so each run of empty weeks earns one note, and a week with a digest starts counting again.
 * Weeks without a row (paused, not yet subscribed) break a streak. Only those with no note row
 * for the week yet.
 */
export async function findEmptyStreaks(db: Db, now: Date): Promise<EmptyStreak[]> {
  const { rows } = await db.$client.execute({
    sql: `SELECT d.subscriber_id AS id, d.period AS period, s.email AS email, json_object(
              'focus', json(p.focus), 'stacks', json(p.stacks), 'seniority', json(p.seniority), 'minSalaryUsd', p.min_salary_usd,
              'includeNoSalary', json(CASE p.include_no_salary WHEN 1 THEN 'true' ELSE 'false' END), 'country', p.country, 'timezone', p.timezone,
              'employerTypes', json(p.employer_types), 'includeUnknownEmployer', json(CASE p.include_unknown_employer WHEN 1 THEN 'true' ELSE 'false' END),
              'mustHaveKeywords', json(p.must_have_keywords), 'excludedKeywords', json(p.excluded_keywords),
              'excludedCompanies', json(p.excluded_companies), 'sendWeekday', p.send_weekday, 'sendHour', p.send_hour, 'maxListings', p.max_listings) AS prefs
          FROM deliveries d
          JOIN subscribers s ON s.id = d.subscriber_id
          JOIN preferences p ON p.subscriber_id = d.subscriber_id
          WHERE d.kind = 'digest' AND d.status = 'skipped' AND d.total_matches = 0 AND d.created_at >= ?
            AND s.status = 'confirmed' AND (s.paused_until IS NULL OR s.paused_until <= ?) AND p.empty_week_notes = 1
            AND NOT EXISTS (SELECT 1 FROM empty_week_notes n WHERE n.subscriber_id = d.subscriber_id AND n.period = d.period)
          ORDER BY d.subscriber_id, d.period`,
    args: [now.getTime() - RECENT_MS, now.getTime()],
  });
  const candidates = rows.map((r) => ({
    subscriberId: r.id as string,
    email: r.email as string,
    period: r.period as string,
    prefs: JSON.parse(r.prefs as string) as Preferences,
  }));
  const streaks: EmptyStreak[] = [];
  for (let i = 0; i < candidates.length; i += CHUNK) {
    const chunk = candidates.slice(i, i + CHUNK);
    const empty = await emptyWeeksOf(db, chunk);
    for (const c of chunk) {
      const before = weekBefore(c.period);
      if (empty.has(`${c.subscriberId}|${before}`) && !empty.has(`${c.subscriberId}|${weekBefore(before)}`))
        streaks.push(c);
    }
  }
  return streaks;
}

/** `subscriber|period` of each empty week among the two weeks before each candidate's week. */
async function emptyWeeksOf(db: Db, chunk: { subscriberId: string; period: string }[]): Promise<Set<string>> {
  const earliest = chunk.map((c) => weekBefore(weekBefore(c.period))).sort()[0]!;
  const ids = [...new Set(chunk.map((c) => c.subscriberId))];
  const { rows } = await db.$client.execute({
    sql: `SELECT subscriber_id, period FROM deliveries
          WHERE subscriber_id IN (${ids.map(() => "?").join(", ")}) AND kind = 'digest' AND period >= ?
            AND status = 'skipped' AND total_matches = 0`,
    args: [...ids, earliest],
  });
  return new Set(rows.map((r) => `${r.subscriber_id as string}|${r.period as string}`));
}
