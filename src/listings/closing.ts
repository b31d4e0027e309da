import { and, eq, lt, not, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inJsonList } from "../../db/json-list";
import { listingSources } from "../../db/schema";

// How listings close: missed by their source's fetches, past their stated expiry, or too old.

/**
 * One more miss for every listing of this source not seen at `now`; closes those missed twice
 * everywhere. A fetch marks what it carried with `now`, so "seen before now" is what it missed;
 * `seenNow`, the ids this fetch carried, also counts a listing an earlier fetch saw at the very
 * same `now` (`import --source S --now T` run twice with one T: it never closed anything).
 */
export async function countMisses(db: Db, sourceName: string, now: Date, seenNow?: readonly string[]): Promise<number> {
  const seenBefore = lt(listingSources.lastSeenAt, now);
  const missed = seenNow
    ? or(seenBefore, and(eq(listingSources.lastSeenAt, now), not(inJsonList(listingSources.sourceId, seenNow))))
    : seenBefore;
  await db
    .update(listingSources)
    .set({ missedFetches: sql`${listingSources.missedFetches} + 1` })
    .where(and(eq(listingSources.source, sourceName), missed));
  const closed = await db.all<{ id: string }>(sql`
    UPDATE listings SET status = 'closed', closed_at = ${now.getTime()}, closed_reason = 'missing_from_source'
    WHERE status = 'open' AND manual = 0
      AND id IN (SELECT listing_id FROM listing_sources WHERE source = ${sourceName})
      AND NOT EXISTS (SELECT 1 FROM listing_sources s WHERE s.listing_id = listings.id AND s.missed_fetches < 2)
    RETURNING id`);
  return closed.length;
}

/**
 * The status `closeStaleListings` leaves a listing seen now in: closed once its stated expiry has
 * passed or it is older than the maximum age (posted date, else first seen). `classify` prints it,
 * so it shows what `import` stores.
 */
export function statusAfterStaleCheck(
  listing: { postedAt: string | null; firstSeenAt: string; expiresAt?: string | null },
  now: Date,
  maxAgeDays: number,
): "open" | "closed" {
  const expired = listing.expiresAt != null && Date.parse(listing.expiresAt) < now.getTime();
  const age = Date.parse(listing.postedAt ?? listing.firstSeenAt);
  return expired || age < now.getTime() - maxAgeDays * 86_400_000 ? "closed" : "open";
}

/**
 * Closes listings whose stated expiry has passed or that are older than the maximum age
 * (posted date, else first seen). Returns how many closed. A closing for expiry or age recorded
 * after `now` (by a run with `--now` ahead, or a clock that ran fast) had not happened yet at
 * `now`: such a listing is open again first, and closes anew only if it is past its limits at `now`.
 */
export async function closeStaleListings(
  db: Db,
  now: Date,
  maxAgeDays: number,
): Promise<{ expired: number; tooOld: number }> {
  const cutoff = now.getTime() - maxAgeDays * 86_400_000;
  // Without this, a digest run with --now two months ahead closed every listing as too old for good,
  // and the real week's digest after it was empty (README "Time cannot poison the ledger").
  await db.run(sql`
    UPDATE listings SET status = 'open', closed_at = NULL, closed_reason = NULL
    WHERE status = 'closed' AND closed_reason IN ('expired', 'too_old') AND closed_at > ${now.getTime()}`);
  const expired = await db.all<{ id: string }>(sql`
    UPDATE listings SET status = 'closed', closed_at = ${now.getTime()}, closed_reason = 'expired'
    WHERE status = 'open' AND expires_at IS NOT NULL AND expires_at < ${now.getTime()} RETURNING id`);
  const tooOld = await db.all<{ id: string }>(sql`
    UPDATE listings SET status = 'closed', closed_at = ${now.getTime()}, closed_reason = 'too_old'
    WHERE status = 'open' AND COALESCE(posted_at, first_seen_at) < ${cutoff} RETURNING id`);
  return { expired: expired.length, tooOld: tooOld.length };
}
