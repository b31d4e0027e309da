import type { Db } from "../../db/client";
import type { Preferences } from "../subscribers/preferences";
import { localTime, slotHasArrived, type LocalTime } from "./local-time";

export interface DueSubscriber {
  id: string;
  email: string;
  prefs: Preferences;
  /** Their local ISO week: the ledger period of this digest. */
  period: string;
  /** When their previous sent digest was composed (null: this is their first). */
  previousComposedAt: Date | null;
  /** Their timezone's offset from UTC now, in minutes. */
  offsetMinutes: number;
}

/**
 * Streams confirmed, unpaused subscribers whose chosen weekday and hour have arrived in their own
 * timezone this local ISO week and who have no digest row for that week (DESIGN.md §4), in pages
 * in id order, so memory stays flat and each page's history is one range of the ledger's index.
 * One pass over confirmed subscribers, with the ledger checks as index lookups per row; the
 * weekday, hour and pause checks are done here per timezone (computed once each). A tick missed
 * while the service was down is caught up by the next one, still once: the ledger row decides.
 */
export async function* dueSubscribers(db: Db, now: Date, pageSize = 1000): AsyncGenerator<DueSubscriber[]> {
  const zones = new Map<string, LocalTime>();
  const local = (tz: string) => zones.get(tz) ?? zones.set(tz, localTime(now, tz)).get(tz)!;
  // Every timezone's current ISO week is one of the weeks at the two ends of the offset range.
  const periods = [...new Set([localTime(now, "Etc/GMT+12").isoWeek, localTime(now, "Etc/GMT-14").isoWeek])].sort(); // "2026-W09" < "2026-W10": ISO weeks sort as text
  const inPeriods = periods.map(() => "?").join(", ");
  let after = "";
  for (;;) {
    const rows = await readPage(db, after, pageSize, inPeriods, periods, now.getTime());
    if (rows.length === 0) return;
    after = rows.at(-1)!.id;
    const due: DueSubscriber[] = [];
    for (const row of rows) {
      if (row.pausedUntil !== null && row.pausedUntil > now.getTime()) continue;
      const { prefs } = row;
      const at = local(prefs.timezone);
      if (!slotHasArrived(at, prefs.sendWeekday, prefs.sendHour)) continue;
      if (row.planned?.split(",").includes(at.isoWeek)) continue;
      due.push({ id: row.id, email: row.email, prefs, period: at.isoWeek, previousComposedAt: row.previous === null ? null : new Date(row.previous), offsetMinutes: at.offsetMinutes });
    }
    if (due.length) yield due;
    if (rows.length < pageSize) return;
  }
}

/** One subscriber of a page, as readPage gives it. */
interface PageRow {
  id: string;
  email: string;
  /** Milliseconds, as stored. */
  pausedUntil: number | null;
  prefs: Preferences;
  /** This ISO week's (or the next/previous one's) digest periods already in the ledger, comma-separated. */
  planned: string | null;
  previous: number | null;
}

/**
 * A page of confirmed subscribers after `after`, in id order, with their preferences and ledger
 * checks. SQLite hands the page over as one JSON array: read row by row, the client built an
 * object per row with a property defined per column and Drizzle then parsed each of the seven
 * JSON columns separately (~20 ms a page of 1,000, ~5% of a weekly run). `+status` keeps SQLite
 * walking the primary key in id order rather than the status index (which would sort every page).
 */
async function readPage(db: Db, after: string, pageSize: number, inPeriods: string, periods: string[], now: number): Promise<PageRow[]> {
  const { rows } = await db.$client.execute({
    // json() in the outer query: the JSON columns lose their JSON subtype at the subquery's edge.
    sql: `SELECT json_group_array(json_array(id, email, paused_until, json(focus), json(stacks), json(seniority), min_salary_usd, include_no_salary, country,
                   timezone, json(employer_types), json(must_have_keywords), json(excluded_keywords), json(excluded_companies), send_weekday, send_hour,
                   max_listings, planned, previous) ORDER BY id) AS page
          FROM (
            SELECT s.id, s.email, s.paused_until, p.focus, p.stacks, p.seniority, p.min_salary_usd, p.include_no_salary, p.country, p.timezone,
                   p.employer_types, p.must_have_keywords, p.excluded_keywords, p.excluded_companies, p.send_weekday, p.send_hour, p.max_listings,
                   (SELECT group_concat(d.period) FROM deliveries d WHERE d.subscriber_id = s.id AND d.kind = 'digest' AND d.period IN (${inPeriods})) AS planned,
                   (SELECT d.composed_at FROM deliveries d WHERE d.subscriber_id = s.id AND d.kind = 'digest' AND d.period < ? AND d.status = 'sent'
                      AND d.composed_at <= ? ORDER BY d.period DESC LIMIT 1) AS previous
            FROM subscribers s JOIN preferences p ON p.subscriber_id = s.id
            WHERE +s.status = 'confirmed' AND s.id > ?
            ORDER BY s.id
            LIMIT ?
          )`,
    // previous: the latest digest sent for a week before the latest possible current one (a subscriber in the
    // earlier week has a row for it, so is not due) and composed by now: a digest with `--now` ahead is not "previous".
    args: [...periods, periods.at(-1)!, now, after, pageSize],
  });
  const page = JSON.parse(rows[0]!.page as string) as unknown[][];
  return page.map((r) => ({
    id: r[0] as string,
    email: r[1] as string,
    pausedUntil: r[2] as number | null,
    // The same object Drizzle gave for the preferences row (without its subscriber id), key for key.
    prefs: {
      focus: r[3] as Preferences["focus"],
      stacks: r[4] as Preferences["stacks"],
      seniority: r[5] as Preferences["seniority"],
      minSalaryUsd: r[6] as number | null,
      includeNoSalary: r[7] === 1,
      country: r[8] as string | null,
      timezone: r[9] as string,
      employerTypes: r[10] as Preferences["employerTypes"],
      mustHaveKeywords: r[11] as string[],
      excludedKeywords: r[12] as string[],
      excludedCompanies: r[13] as string[],
      sendWeekday: r[14] as number,
      sendHour: r[15] as number,
      maxListings: r[16] as number,
    },
    planned: r[17] as string | null,
    previous: r[18] as number | null,
  }));
}
