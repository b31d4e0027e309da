import { and, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries } from "../../db/schema";
import { loadPool } from "../digest/load";
import { selectForSubscriber } from "../digest/select";
import { formatHour, WEEKDAYS } from "../domain/schedule";
import { digestWeeksDone, nextDigestPhrase } from "./next-digest";
import type { Preferences } from "./preferences";

export interface FirstDigestFacts {
  pausedUntil?: Date | null;
  /** Local weeks that already have a digest row (a resubscriber's earlier week, say). */
  weeksDone?: ReadonlySet<string>;
  /** Listings that would be in a digest composed now (unknown: not said). */
  matchesNow?: number;
  /** A digest was mailed before (someone subscribing again): the next one is not their first. */
  hadDigest?: boolean;
}

/** The whole clause a confirmation shows: "Your first digest arrives …", or "next" for someone coming back. */
export function digestArrives(words: string, facts: FirstDigestFacts): string {
  return `Your ${facts.hadDigest ? "next" : "first"} digest arrives ${words}`;
}

/**
 * When the first digest arrives, in words that follow "Your first digest arrives" (DESIGN.md §4,
 * issue 18.5): by the scheduler's own rule (nextDigestAt), and honest when the filters match
 * nothing now, since an empty week sends nothing.
 */
export function describeFirstDigest(p: Preferences, now: Date, facts: FirstDigestFacts = {}): string {
  const when = nextDigestPhrase(p, now, facts);
  const every = `every ${WEEKDAYS[p.sendWeekday - 1]} at ${formatHour(p.sendHour)} (${p.timezone})`;
  if (facts.matchesNow === 0) {
    return `${when} if any listing matches your filters; right now none does. A week with nothing new sends nothing, and we look again ${every}`;
  }
  return `${when}, then ${every}`;
}

/** digestArrives with the facts read from the database: this week's ledger, any pause, today's matches. */
export async function firstDigestFor(
  deps: { db: Db; clock: { now(): Date } },
  subscriber: { id: string; pausedUntil?: Date | null },
  p: Preferences,
): Promise<string> {
  const { words, facts } = await firstDigestWithFacts(deps, subscriber, p);
  return digestArrives(words, facts);
}

/** The words and the facts they were made from (the welcome email says more when nothing matches now). */
export async function firstDigestWithFacts(
  deps: { db: Db; clock: { now(): Date } },
  subscriber: { id: string; pausedUntil?: Date | null },
  p: Preferences,
): Promise<{ words: string; facts: FirstDigestFacts }> {
  const now = deps.clock.now();
  const [weeksDone, matchesNow, hadDigest] = await Promise.all([
    digestWeeksDone(deps.db, subscriber.id, p.timezone, now),
    countMatchesNow(deps.db, p, now),
    hadDigestBefore(deps.db, subscriber.id),
  ]);
  const facts = { pausedUntil: subscriber.pausedUntil ?? null, weeksDone, matchesNow, hadDigest };
  return { words: describeFirstDigest(p, now, facts), facts };
}

/** How many listings a first digest composed now would hold (the 7-day look-back, nothing mailed yet). */
export async function countMatchesNow(db: Db, p: Preferences, now: Date): Promise<number> {
  const pool = await loadPool(db);
  return selectForSubscriber(pool, { prefs: p, now, previousComposedAt: null, mailedFingerprints: new Set() }).all
    .length;
}

async function hadDigestBefore(db: Db, subscriberId: string): Promise<boolean> {
  const sent = await db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(deliveries.kind, "digest"), eq(deliveries.status, "sent")))
    .limit(1);
  return sent.length > 0;
}
