import { and, desc, getTableColumns, eq, lt, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries, listingChanges, listings, suppressions } from "../../db/schema";
import { toCandidate } from "./candidate";
import { CandidatePool } from "./pool";

/**
 * Characters of a description the pool keeps for keyword filters (must mention, leave out): the
 * digest shows no description, and a 100 KB one in every pool (once per reload) cost its size in
 * memory each time. Keywords further into a longer description are not seen.
 */
export const POOL_DESCRIPTION_CHARS = 20_000;

/** Open, backend, unflagged, remote listings: everything a digest may ever contain. */
export const mailable = () =>
  and(
    eq(listings.status, "open"),
    eq(listings.isBackend, true),
    ne(listings.remoteScope, "onsite"),
    sql`json_array_length(${listings.scamSignals}) = 0`,
  );

/** The mailable listings, indexed once per run (and again if they change during it). */
export async function loadPool(db: Db): Promise<CandidatePool> {
  // Signature first: a listing changed in between makes the next check reload, never go unseen.
  const signature = await poolSignature(db);
  const rows = await db
    .select({
      ...getTableColumns(listings),
      description: sql<string>`substr(${listings.description}, 1, ${POOL_DESCRIPTION_CHARS})`,
    })
    .from(listings)
    .where(mailable());
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
  const [row] = await db
    .select({ version: listingChanges.version })
    .from(listingChanges)
    .where(eq(listingChanges.id, 1));
  return String(row?.version ?? 0);
}

/** Hashes of every suppressed address (bounces, complaints), loaded once per run. */
export async function loadSuppressed(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ h: suppressions.emailHash }).from(suppressions)).map((r) => r.h));
}

/**
 * Fingerprints mailed to each subscriber whose id lies in [firstId, lastId] (a page of due
 * subscribers, in id order), at any time (mailed_fingerprints: what the provider accepted, kept
 * however long ago and whatever the clock said then). Only the fingerprints of the pool's listings
 * seen after `sinceMs` are looked up (the oldest "since" of the page: selection looks at no older
 * listing), one index range each: the read is bounded by the pool, not by how long people have
 * been subscribed.
 */
export async function loadMailed(
  db: Db,
  firstId: string,
  lastId: string,
  pool: CandidatePool,
  sinceMs = -Infinity,
): Promise<Map<string, Set<string>>> {
  const mailed = new Map<string, Set<string>>();
  // Newest first: the listings selection may take for this page are a prefix.
  const fingerprints = pool.newestFirst.filter((c) => c.firstSeenMs > sinceMs).map((c) => c.row.fingerprint);
  if (fingerprints.length === 0) return mailed;
  // CROSS JOIN: SQLite walks the pool's fingerprints and seeks the (fingerprint, subscriber) key for each.
  const rows = await db.all<{ id: string; fp: string }>(sql`
    SELECT m.subscriber_id AS id, m.fingerprint AS fp FROM json_each(${JSON.stringify(fingerprints)}) j
    CROSS JOIN mailed_fingerprints m ON m.fingerprint = j.value AND m.subscriber_id BETWEEN ${firstId} AND ${lastId}`);
  for (const row of rows) {
    let set = mailed.get(row.id);
    if (!set) mailed.set(row.id, (set = new Set()));
    set.add(row.fp);
  }
  return mailed;
}

/**
 * When the subscriber's previous digest was composed (null: none yet): the latest one sent for a
 * period before `period` (the one being composed), composed no later than `now`. By period, not by
 * the latest date: a digest run with `--now` a month ahead has a later period and date, and must
 * not make every listing until then look already seen (DESIGN.md §4).
 */
export async function loadPrevious(db: Db, subscriberId: string, period: string, now: Date): Promise<Date | null> {
  const [row] = await db
    .select({ at: deliveries.composedAt })
    .from(deliveries)
    .where(
      and(
        eq(deliveries.subscriberId, subscriberId),
        eq(deliveries.kind, "digest"),
        lt(deliveries.period, period),
        eq(deliveries.status, "sent"),
        lte(deliveries.composedAt, now),
      ),
    )
    .orderBy(desc(deliveries.period))
    .limit(1);
  return row?.at ?? null;
}
