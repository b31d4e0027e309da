import { and, eq, inArray, lt, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { listings, listingSources, type ListingRow } from "../../db/schema";
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

const CHUNK = 200;

/**
 * Stores what one fetch of one configured source returned (DESIGN.md §3). Identity is the
 * fingerprint: a listing whose fingerprint we already have is merged into that row (first seen
 * kept, the source recorded, a repost counted and a closed one reopened), so it is never "new"
 * again. With `complete` (a successful full fetch), every listing of this source that the fetch
 * did not contain gets one more miss, and listings that all their sources missed twice close.
 */
export async function storeFetchedListings(
  db: Db,
  input: { sourceName: string; candidates: ListingCandidate[]; now: Date; complete: boolean; manual?: boolean },
): Promise<StoreSummary> {
  const { sourceName, now } = input;
  const summary: StoreSummary = { fetched: input.candidates.length, new: 0, updated: 0, merged: 0, reopened: 0, closed: 0 };
  const known = new Map((await db.select().from(listingSources).where(eq(listingSources.source, sourceName))).map((r) => [r.sourceId, r.listingId]));
  const byFingerprint = new Map<string, ListingRow>();
  const byId = new Map<string, ListingRow>();
  const fingerprints = [...new Set(input.candidates.map((c) => c.fingerprint))];
  const ids = [...new Set([...known.values()])];
  const remember = (rows: ListingRow[]) => {
    for (const row of rows) {
      byFingerprint.set(row.fingerprint, row);
      byId.set(row.id, row);
    }
  };
  // What we may merge into: listings with the same fingerprint, and those this source already carries.
  for (let i = 0; i < fingerprints.length; i += CHUNK) remember(await db.select().from(listings).where(inArray(listings.fingerprint, fingerprints.slice(i, i + CHUNK))));
  for (let i = 0; i < ids.length; i += CHUNK) remember(await db.select().from(listings).where(inArray(listings.id, ids.slice(i, i + CHUNK))));

  const writes: BatchItem<"sqlite">[] = [];
  for (const candidate of input.candidates) {
    const content = contentColumns(candidate);
    const carrierId = known.get(candidate.sourceId);
    const match = byFingerprint.get(candidate.fingerprint) ?? (carrierId ? byId.get(carrierId) : undefined);
    let listingId: string;
    if (!match) {
      listingId = `${sourceName}:${candidate.sourceId}`;
      if (byId.has(listingId)) listingId = `${listingId}:${crypto.randomUUID().slice(0, 8)}`;
      const row = { id: listingId, source: candidate.source, sourceId: candidate.sourceId, ...content, firstSeenAt: now, lastSeenAt: now, status: "open" as const, manual: input.manual ?? false };
      writes.push(db.insert(listings).values(row));
      const stored = { ...row, closedAt: null, closedReason: null, repostCount: 0 } as ListingRow;
      byFingerprint.set(candidate.fingerprint, stored);
      byId.set(listingId, stored);
      summary.new++;
    } else {
      listingId = match.id;
      const isCarrier = carrierId === match.id;
      // A closed listing comes back when it reappears where it had gone missing, or is posted
      // again under a new id; one that expired or aged out stays closed while its old post lingers.
      const reopen = match.status === "closed" && (!isCarrier || match.closedReason === "missing_from_source");
      const changes: Partial<ListingRow> = { lastSeenAt: now };
      if (reopen) {
        Object.assign(changes, { status: "open", closedAt: null, closedReason: null, postedAt: content.postedAt, expiresAt: content.expiresAt });
        summary.reopened++;
      }
      if (!isCarrier) {
        // Another source, or a new id at the same source (a repost): keep the first sighting.
        changes.repostCount = match.repostCount + 1;
        if (!reopen) summary.merged++;
      } else if (match.source === candidate.source && match.sourceId === candidate.sourceId && contentChanged(match, content)) {
        // Only the listing's own original source may rewrite its text.
        Object.assign(changes, content);
        summary.updated++;
      }
      writes.push(db.update(listings).set(changes).where(eq(listings.id, listingId)));
      Object.assign(match, changes);
    }
    writes.push(
      db
        .insert(listingSources)
        .values({ listingId, source: sourceName, sourceId: candidate.sourceId, url: candidate.url, firstSeenAt: now, lastSeenAt: now, missedFetches: 0 })
        .onConflictDoUpdate({ target: [listingSources.source, listingSources.sourceId], set: { listingId, url: candidate.url, lastSeenAt: now, missedFetches: 0 } }),
    );
    known.set(candidate.sourceId, listingId);
  }
  for (let i = 0; i < writes.length; i += CHUNK) {
    const chunk = writes.slice(i, i + CHUNK) as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]];
    await db.batch(chunk);
  }
  if (input.complete) summary.closed = await countMisses(db, sourceName, now);
  return summary;
}

/** One more miss for every listing of this source not seen at `now`; closes those missed twice everywhere. */
async function countMisses(db: Db, sourceName: string, now: Date): Promise<number> {
  await db
    .update(listingSources)
    .set({ missedFetches: sql`${listingSources.missedFetches} + 1` })
    .where(and(eq(listingSources.source, sourceName), lt(listingSources.lastSeenAt, now)));
  const closed = await db.all<{ id: string }>(sql`
    UPDATE listings SET status = 'closed', closed_at = ${now.getTime()}, closed_reason = 'missing_from_source'
    WHERE status = 'open' AND manual = 0
      AND id IN (SELECT listing_id FROM listing_sources WHERE source = ${sourceName})
      AND NOT EXISTS (SELECT 1 FROM listing_sources s WHERE s.listing_id = listings.id AND s.missed_fetches < 2)
    RETURNING id`);
  return closed.length;
}

/**
 * Closes listings whose stated expiry has passed or that are older than the maximum age
 * (posted date, else first seen). Returns how many closed.
 */
export async function closeStaleListings(db: Db, now: Date, maxAgeDays: number): Promise<{ expired: number; tooOld: number }> {
  const cutoff = now.getTime() - maxAgeDays * 86_400_000;
  const expired = await db.all<{ id: string }>(sql`
    UPDATE listings SET status = 'closed', closed_at = ${now.getTime()}, closed_reason = 'expired'
    WHERE status = 'open' AND expires_at IS NOT NULL AND expires_at < ${now.getTime()} RETURNING id`);
  const tooOld = await db.all<{ id: string }>(sql`
    UPDATE listings SET status = 'closed', closed_at = ${now.getTime()}, closed_reason = 'too_old'
    WHERE status = 'open' AND COALESCE(posted_at, first_seen_at) < ${cutoff} RETURNING id`);
  return { expired: expired.length, tooOld: tooOld.length };
}
