import { and, eq, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { jsonRowsInsert } from "../../db/bulk";
import { listings, listingSources, type ListingRow } from "../../db/schema";
import { yieldToEventLoop } from "../../db/event-loop";
import type { NormalisedListing } from "./listing";
import { countMisses } from "./closing";
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
