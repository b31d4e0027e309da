import { and, desc, getTableColumns, eq, lt, lte, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries, listingChanges, listings, suppressions } from "../../db/schema";
import { toCandidate } from "./candidate";
import { CandidatePool } from "./pool";

/** Description characters the pool keeps for keyword filters: the digest shows none, and 100 KB ones cost memory. */
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
  // Signature first: a listing changed in between makes the next check reload.
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

/** What the pool was built from: the listings' change counter, raised by triggers on every listing write. */
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
 * Fingerprints ever mailed to each subscriber with an id in [firstId, lastId] (a page of due
 * subscribers), among the pool's listings first seen after `sinceMs` (selection looks at no
 * older one): the read is bounded by the pool, not by how long people have been subscribed.
 */
export async function loadMailed(db: Db, firstId: string, lastId: string, pool: CandidatePool, sinceMs = -Infinity) {
  const mailed = new Map<string, Set<string>>();
  // Newest first: the listings selection may take for this page are a prefix.
  // With the fingerprints the same jobs would have under another remote scope (Candidate.sameJob).
  const fingerprints = pool.newestFirst
    .filter((c) => c.firstSeenMs > sinceMs)
    .flatMap((c) => (c.sameJob.length ? [c.row.fingerprint, ...c.sameJob] : [c.row.fingerprint]));
  if (fingerprints.length === 0) return mailed;
  // CROSS JOIN: SQLite walks the pool's fingerprints and seeks the (fingerprint, subscriber) key for each.
  const rows = await db.all<{ id: string; fp: string }>(sql`
    SELECT m.subscriber_id AS id, m.fingerprint AS fp FROM json_each(${JSON.stringify(fingerprints)}) j
    CROSS JOIN mailed_fingerprints m ON m.fingerprint = j.value AND m.subscriber_id BETWEEN ${firstId} AND ${lastId}`);
  for (const row of rows) (mailed.get(row.id) ?? mailed.set(row.id, new Set()).get(row.id)!).add(row.fp);
  return mailed;
}

/**
 * When the previous digest was composed (null: none): the latest sent for a period before
 * `period`, composed by `now`. By period, not date: a run with `--now` a month ahead must not make
 * every listing until then look already seen.
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
