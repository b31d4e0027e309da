import { and, eq, gt, gte, lte, max, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries, listingChanges, listings, suppressions } from "../../db/schema";
import { toCandidate } from "./candidate";
import { CandidatePool } from "./pool";

/** Open, backend, unflagged, remote listings: everything a digest may ever contain. */
export const mailable = () => and(eq(listings.status, "open"), eq(listings.isBackend, true), ne(listings.remoteScope, "onsite"), sql`json_array_length(${listings.scamSignals}) = 0`);

/** The mailable listings, indexed once per run (and again if they change during it). */
export async function loadPool(db: Db): Promise<CandidatePool> {
  // Signature first: a listing changed in between makes the next check reload, never go unseen.
  const signature = await poolSignature(db);
  const rows = await db.select().from(listings).where(mailable());
  return new CandidatePool(rows.map(toCandidate), signature);
}

/**
 * What the pool was built from: the listings' change counter, which triggers raise on every
 * insert, update or delete of a listing, whatever the connection (migration 0010). Checked
 * before every page: one row read, where comparing every mailable listing's id and lastSeenAt
 * took a scan of the table (~3% of a run at 25,000 subscribers). (Unlike that, the counter could
 * come back to an old value if its row were deleted or an older backup restored during a run.)
 */
export async function poolSignature(db: Db): Promise<string> {
  const [row] = await db.select({ version: listingChanges.version }).from(listingChanges).where(eq(listingChanges.id, 1));
  return String(row?.version ?? 0);
}

/** Hashes of every suppressed address (bounces, complaints), loaded once per run. */
export async function loadSuppressed(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ h: suppressions.emailHash }).from(suppressions)).map((r) => r.h));
}

/**
 * How far back "never mailed before" looks. Selection only takes listings first seen after the
 * previous digest, so a listing mailed before is excluded by that alone unless its fingerprint
 * has since moved to another listing row (a job re-posted under a changed title, say). Listings
 * close after 45 days (LISTING_MAX_AGE_DAYS), so eight weeks covers every listing still open,
 * and the run reads a bounded history however long someone has been subscribed.
 */
export const MAILED_LOOKBACK_MS = 8 * 7 * 86_400_000;

/**
 * Fingerprints mailed to each subscriber whose id lies in [firstId, lastId] (a page of due
 * subscribers, in id order): one range of the ledger's history index.
 */
export async function loadMailed(db: Db, firstId: string, lastId: string, now: Date): Promise<Map<string, Set<string>>> {
  const mailed = new Map<string, Set<string>>();
  const rows = await db
    .select({ id: deliveries.subscriberId, fingerprints: deliveries.fingerprints })
    .from(deliveries)
    .where(
      and(
        gte(deliveries.subscriberId, firstId),
        lte(deliveries.subscriberId, lastId),
        eq(deliveries.kind, "digest"),
        // `+status`: keep SQLite on the history index's subscriber range, not the status index (every sent row).
        sql`+${deliveries.status} = 'sent'`,
        gt(deliveries.composedAt, new Date(now.getTime() - MAILED_LOOKBACK_MS)),
      ),
    );
  for (const row of rows) {
    if (!row.fingerprints?.length) continue;
    let set = mailed.get(row.id);
    if (!set) mailed.set(row.id, (set = new Set()));
    for (const fp of row.fingerprints) set.add(fp);
  }
  return mailed;
}

/** When a subscriber's previous sent digest was composed (null: none yet). */
export async function loadPrevious(db: Db, subscriberId: string): Promise<Date | null> {
  const [row] = await db
    .select({ at: max(deliveries.composedAt) })
    .from(deliveries)
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(deliveries.kind, "digest"), eq(deliveries.status, "sent")));
  return row?.at ?? null;
}
