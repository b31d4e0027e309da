import { and, eq, lt, not, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { jsonRowsInsert } from "../../db/bulk";
import { inJsonList } from "../../db/json-list";
import { listings, listingSources, type ListingRow } from "../../db/schema";
import { yieldToEventLoop } from "../../db/event-loop";
import type { NormalisedListing } from "./listing";
import { contentChanged, contentColumns } from "./rows";

/** A classified listing ready to store, with the expiry its source stated (if any) and its source tags. */
export type ListingCandidate = NormalisedListing & { expiresAt: string | null; tags?: string[] };

export interface StoreSummary {
  fetched: number;
  new: number;
  updated: number;
  /** Cross-posts and reposts folded into a listing we already had. */
  merged: number;
  /** Closed listings that came back (a repost): reopened, not new. */
  reopened: number;
  closed: number;
}

/**
 * Listings stored per write transaction. Memory is bounded by this, not by the source's size: a
 * batch is read, merged and written before the next one is looked at (every statement of the
 * batch is one row, so none binds more than ~30 parameters; D1 allows 100).
 */
export const STORE_BATCH = 500;

/**
 * Longest description stored (characters). Parsing already caps plain text at 100,000
 * (MAX_DESCRIPTION_TEXT_CHARS in classify/text.ts on the ingest-safety branch); this holds for
 * every path into the table (the CLI import, hand-added listings), whatever a parser did.
 */
export const MAX_STORED_DESCRIPTION_CHARS = 100_000;

type StoreInput = { sourceName: string; now: Date; manual?: boolean };

/**
 * Stores what one fetch of one configured source returned (DESIGN.md §3), in batches of
 * STORE_BATCH. Identity is the fingerprint: a listing whose fingerprint we already have is merged
 * into that row (first seen kept, the source recorded, a repost counted and a closed one reopened
 * with `reopenedAt`), so it is never "new" again. With `complete` (a successful full fetch that is
 * evidence of what the source holds), every listing of this source that the fetch did not contain
 * gets one more miss, and listings that all their sources missed twice close.
 */
export async function storeFetchedListings(
  db: Db,
  input: StoreInput & { candidates: ListingCandidate[]; complete: boolean },
): Promise<StoreSummary> {
  const summary = emptyStoreSummary();
  for (let i = 0; i < input.candidates.length; i += STORE_BATCH) {
    addStoreSummary(summary, await storeBatch(db, input, input.candidates.slice(i, i + STORE_BATCH)));
  }
  if (input.complete) {
    const seen = input.candidates.map((c) => c.sourceId);
    summary.closed = await countMisses(db, input.sourceName, input.now, seen);
  }
  return summary;
}

export const emptyStoreSummary = (): StoreSummary => ({
  fetched: 0,
  new: 0,
  updated: 0,
  merged: 0,
  reopened: 0,
  closed: 0,
});

export function addStoreSummary(into: StoreSummary, add: StoreSummary): void {
  for (const k of Object.keys(add) as (keyof StoreSummary)[]) into[k] += add[k];
}

/**
 * Stores one batch (at most STORE_BATCH candidates) in one transaction: reads what it may merge
 * into (rows with its fingerprints, rows this source already carries under its ids), then writes.
 * Batches of one fetch must be stored one after the other: each sees what the previous wrote.
 */
export async function storeBatch(db: Db, input: StoreInput, batch: ListingCandidate[]): Promise<StoreSummary> {
  const { sourceName, now } = input;
  const summary: StoreSummary = { ...emptyStoreSummary(), fetched: batch.length };
  if (batch.length === 0) return summary;
  const known = await carriedBy(db, sourceName, batch);
  const byFingerprint = new Map<string, ListingRow>();
  const byId = new Map<string, ListingRow>();
  const ids = [...known.values(), ...batch.map((c) => `${sourceName}:${c.sourceId}`)];
  for (const row of await mergeTargets(db, batch, ids)) {
    byFingerprint.set(row.fingerprint, row);
    byId.set(row.id, row);
  }
  const inserts: (typeof listings.$inferInsert)[] = [];
  const updates: BatchItem<"sqlite">[] = [];
  const seenOnly: string[] = [];
  const carried: (typeof listingSources.$inferInsert)[] = [];
  for (const candidate of batch) {
    const content = contentColumns({
      ...candidate,
      description: candidate.description.slice(0, MAX_STORED_DESCRIPTION_CHARS),
    });
    const carrierId = known.get(candidate.sourceId);
    const match = byFingerprint.get(candidate.fingerprint) ?? (carrierId ? byId.get(carrierId) : undefined);
    let listingId: string;
    if (!match) {
      listingId = `${sourceName}:${candidate.sourceId}`;
      if (byId.has(listingId)) listingId = `${listingId}:${crypto.randomUUID().slice(0, 8)}`;
      const row = {
        id: listingId,
        source: candidate.source,
        sourceId: candidate.sourceId,
        ...content,
        firstSeenAt: now,
        lastSeenAt: now,
        status: "open" as const,
        manual: input.manual ?? false,
      };
      inserts.push(row);
      const stored = { ...row, closedAt: null, closedReason: null, reopenedAt: null, repostCount: 0 } as ListingRow;
      byFingerprint.set(candidate.fingerprint, stored);
      byId.set(listingId, stored);
      summary.new++;
    } else {
      listingId = match.id;
      const changes = mergeChanges(match, candidate, content, carrierId === match.id, now, summary);
      if (Object.keys(changes).length === 1)
        seenOnly.push(listingId); // only lastSeenAt: the usual re-fetch
      else updates.push(db.update(listings).set(changes).where(eq(listings.id, listingId)));
      Object.assign(match, changes);
    }
    carried.push({
      listingId,
      source: sourceName,
      sourceId: candidate.sourceId,
      url: candidate.url,
      firstSeenAt: now,
      lastSeenAt: now,
      missedFetches: 0,
    });
    known.set(candidate.sourceId, listingId);
  }
  // New rows before anything that refers to them; each list is one statement binding one parameter.
  const writes: BatchItem<"sqlite">[] = [];
  if (inserts.length) writes.push(db.run(jsonRowsInsert(listings, inserts)));
  writes.push(...updates);
  if (seenOnly.length)
    writes.push(
      db
        .update(listings)
        .set({ lastSeenAt: now })
        .where(sql`${listings.id} IN (SELECT value FROM json_each(${JSON.stringify(seenOnly)}))`),
    );
  writes.push(
    db.run(
      jsonRowsInsert(
        listingSources,
        carried,
        sql`ON CONFLICT ("source", "source_id") DO UPDATE SET listing_id = excluded.listing_id, url = excluded.url, last_seen_at = excluded.last_seen_at, missed_fetches = 0`,
      ),
    ),
  );
  await db.batch(writes as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  // The libSQL client frees each statement's native memory only when the event loop turns (see db/event-loop.ts).
  await yieldToEventLoop();
  return summary;
}

/** What a sighting changes on a listing we already have (and counts it in `summary`). */
function mergeChanges(
  match: ListingRow,
  candidate: ListingCandidate,
  content: ReturnType<typeof contentColumns>,
  isCarrier: boolean,
  now: Date,
  summary: StoreSummary,
): Partial<ListingRow> {
  // A closed listing comes back when it reappears where it had gone missing, or is posted
  // again under a new id; one that expired or aged out stays closed while its old post lingers.
  const reopen = match.status === "closed" && (!isCarrier || match.closedReason === "missing_from_source");
  const changes: Partial<ListingRow> = { lastSeenAt: now };
  if (reopen) {
    // reopenedAt: seen anew for "new since the previous digest" (fingerprints already mailed stay excluded).
    Object.assign(changes, {
      status: "open",
      closedAt: null,
      closedReason: null,
      reopenedAt: now,
      postedAt: content.postedAt,
      expiresAt: content.expiresAt,
    });
    summary.reopened++;
  }
  if (!isCarrier) {
    // Another source, or a new id at the same source (a repost): keep the first sighting.
    changes.repostCount = match.repostCount + 1;
    if (!reopen) summary.merged++;
  } else if (
    match.source === candidate.source &&
    match.sourceId === candidate.sourceId &&
    contentChanged(match, content)
  ) {
    // Only the listing's own original source may rewrite its text.
    Object.assign(changes, content);
    summary.updated++;
  }
  return changes;
}

/** Which listing this source already files each of the batch's source ids under. */
async function carriedBy(db: Db, sourceName: string, batch: ListingCandidate[]): Promise<Map<string, string>> {
  const rows = await db
    .select({ sourceId: listingSources.sourceId, listingId: listingSources.listingId })
    .from(listingSources)
    .where(
      and(
        eq(listingSources.source, sourceName),
        sql`${listingSources.sourceId} IN (SELECT value FROM json_each(${JSON.stringify(batch.map((c) => c.sourceId))}))`,
      ),
    );
  return new Map(rows.map((r) => [r.sourceId, r.listingId]));
}

/** Listings the batch may merge into: those with its fingerprints, and those with `ids`. One bound parameter a list. */
async function mergeTargets(db: Db, batch: ListingCandidate[], ids: string[]): Promise<ListingRow[]> {
  const inList = (values: string[]) => sql`IN (SELECT value FROM json_each(${JSON.stringify([...new Set(values)])}))`;
  const [byFingerprint, byId] = await Promise.all([
    db
      .select()
      .from(listings)
      .where(sql`${listings.fingerprint} ${inList(batch.map((c) => c.fingerprint))}`),
    db
      .select()
      .from(listings)
      .where(sql`${listings.id} ${inList(ids)}`),
  ]);
  return [...byFingerprint, ...byId];
}

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
