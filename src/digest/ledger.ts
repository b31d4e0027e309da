import type { InStatement, InValue } from "@libsql/client";
import { and, eq, inArray, isNotNull, isNull, lt, notExists, or, sql, type SQLWrapper } from "drizzle-orm";
import type { ListingCard } from "../../emails/_components/listing-card";
import { encodeValues } from "../../db/bulk";
import type { StoredDigest } from "./compose";
import type { Db } from "../../db/client";
import { deliveries, deliveryBatches, deliveryContents, deliveryListings, type DeliveryRow } from "../../db/schema";
import type { ListingSnapshot, StoredPositions } from "./listing-snapshot";
import { isPacked, packBatch, shownPositions, unpackDigest, unpackMatched, type BatchListings, type PackedDigest } from "./stored-batch";

/** A claim lapses this long after it was taken: a run that died is taken over by a later one. */
export const CLAIM_MS = 5 * 60_000;
/** Resend keeps idempotency keys for 24 hours; after that a retry could mail twice. */
export const PROVIDER_KEY_TTL_MS = 24 * 60 * 60_000;

const lapsed = (now: Date) => or(isNull(deliveries.claimExpiresAt), lt(deliveries.claimExpiresAt, now));

/** What sending needs of a claimed planned row (not its large matched-listing list). */
export type ClaimedDelivery = Pick<DeliveryRow, "id" | "subscriberId" | "listingIds" | "totalMatches">;

/**
 * Claims up to `limit` planned digests nobody holds (or whose holder died), oldest first.
 * Atomic: the UPDATE re-checks status and claim, so two runs never share a row.
 */
export async function claimPlanned(db: Db, runId: string, now: Date, limit: number): Promise<ClaimedDelivery[]> {
  const t = now.getTime();
  const candidates = await db.$client.execute({
    sql: `SELECT id FROM deliveries WHERE status = 'planned' AND (claim_expires_at IS NULL OR claim_expires_at < ?) ORDER BY created_at, id LIMIT ?`,
    args: [t, limit],
  });
  if (candidates.rows.length === 0) return [];
  const ids = candidates.rows.map((r) => r.id as string);
  const claimed = await db.$client.execute({
    sql: `UPDATE deliveries SET claimed_by = ?, claim_expires_at = ?, updated_at = ?
          WHERE id IN (${ids.map(() => "?").join(",")}) AND status = 'planned' AND (claim_expires_at IS NULL OR claim_expires_at < ?)
          RETURNING id, subscriber_id, listing_ids, total_matches`,
    args: [runId, t + CLAIM_MS, t, ...ids, t],
  });
  return claimed.rows
    .map((r) => ({
      id: r.id as string,
      subscriberId: r.subscriber_id as string,
      listingIds: r.listing_ids ? (JSON.parse(r.listing_ids as string) as string[]) : null,
      totalMatches: r.total_matches as number | null,
    }))
    .sort((a, b) => ids.indexOf(a.id) - ids.indexOf(b.id));
}

/** A stuck row with the content its first attempt carried. */
export type StuckDelivery = DeliveryRow & { payload: StoredDigest | null };

/** Claims whole batches left in `sending` by a run that died, ordered as they were first sent. */
export async function claimStuckBatches(db: Db, runId: string, now: Date, maxBatches: number): Promise<StuckDelivery[][]> {
  const keys = db
    .selectDistinct({ key: deliveries.idempotencyKey })
    .from(deliveries)
    .where(and(eq(deliveries.status, "sending"), lapsed(now)))
    .limit(maxBatches);
  const rows = await db
    .update(deliveries)
    .set({ claimedBy: runId, claimExpiresAt: new Date(now.getTime() + CLAIM_MS), updatedAt: now })
    .where(and(inArray(deliveries.idempotencyKey, keys), eq(deliveries.status, "sending"), lapsed(now)))
    .returning();
  const shared = await loadBatchListings(db, [...new Set(rows.map((r) => r.idempotencyKey!))]);
  const keyOf = new Map(rows.map((r) => [r.id, r.idempotencyKey!]));
  const payloads = new Map<string, StoredDigest | null>();
  for (let i = 0; i < rows.length; i += 500) {
    const ids = rows.slice(i, i + 500).map((r) => r.id);
    for (const c of await db.select({ id: deliveryContents.deliveryId, payload: deliveryContents.payload }).from(deliveryContents).where(inArray(deliveryContents.deliveryId, ids))) {
      payloads.set(c.id, c.payload ? unpackDigest(c.payload as unknown as StoredDigest, shared.get(keyOf.get(c.id)!) ?? null) : null);
    }
  }
  const batches = new Map<string, StuckDelivery[]>();
  for (const row of rows) {
    const list = batches.get(row.idempotencyKey!) ?? [];
    list.push({ ...row, payload: payloads.get(row.id) ?? null });
    batches.set(row.idempotencyKey!, list);
  }
  return [...batches.values()].map((b) => b.sort((a, c) => (a.batchPosition ?? 0) - (c.batchPosition ?? 0)));
}

/**
 * Fixes a batch's content and key in the ledger before the first provider call, for the rows
 * this run still holds: a row another run took over (our claim lapsed) is left alone. Returns the
 * ids marked; only those may be sent, in their order (positions keep the gaps, so a recovered
 * batch is rebuilt byte for byte). One statement for the whole batch.
 */
export async function markSending(
  db: Db,
  runId: string,
  key: string,
  items: { row: Pick<DeliveryRow, "id">; listingIds: string[]; fingerprints: string[]; payload: StoredDigest }[],
  now: Date,
): Promise<Set<string>> {
  if (items.length === 0) return new Set();
  const t = now.getTime();
  const rows = items.flatMap(({ row, listingIds, fingerprints }, position) => [row.id, position, ...encodeValues(deliveries, ["listingIds", "fingerprints"], { listingIds, fingerprints })]);
  // The compact form of the digest (its template props, see compose.ts): a retry re-renders the same bytes from it.
  const contents = items.flatMap(({ row, payload }) => [row.id, ...encodeValues(deliveryContents, ["payload"], { payload: payload as unknown as Record<string, unknown> })]);
  // One transaction: the ledger rows we still hold move to `sending`, and only those get this content.
  const [result] = await db.$client.batch(
    [
      {
        sql: `UPDATE deliveries SET status = 'sending', idempotency_key = ?, batch_position = v.column2, listing_ids = v.column3, fingerprints = v.column4,
                first_send_at = ?, attempts = attempts + 1, updated_at = ?
              FROM (VALUES ${items.map(() => "(?, ?, ?, ?)").join(", ")}) AS v
              WHERE deliveries.id = v.column1 AND deliveries.status = 'planned' AND deliveries.claimed_by = ?
              RETURNING deliveries.id`,
        args: [key, t, t, ...rows, runId],
      },
      {
        sql: `INSERT INTO delivery_contents (delivery_id, payload)
              SELECT v.column1, v.column2 FROM (VALUES ${items.map(() => "(?, ?)").join(", ")}) AS v
              JOIN deliveries d ON d.id = v.column1 AND d.idempotency_key = ? AND d.claimed_by = ? AND d.status = 'sending'
              WHERE true
              ON CONFLICT (delivery_id) DO UPDATE SET payload = excluded.payload`,
        args: [...contents, key, runId],
      },
    ],
    "write",
  );
  return new Set(result!.rows.map((r) => r.id as string));
}

/** A digest composed by this run, about to go out in one batch. */
export interface NewDelivery {
  id: string;
  subscriberId: string;
  period: string;
  /** The snapshot positions of the listings in the email, in order, and of every listing that matched, ranked (the "see all N matches" page). */
  shown: ArrayLike<number>;
  matched: ArrayLike<number>;
  fingerprints: string[];
  /** The address's suppression hash (subscribers/suppression.ts), checked again as the row goes in. */
  emailHash: string;
  payload: StoredDigest;
}

/**
 * Writes a batch of freshly composed digests straight into `sending`, claimed by this run, with
 * their content and key fixed before the first provider call (a run that dies after this is
 * finished byte for byte by the next one). A row a concurrent run already wrote for the same
 * (subscriber, kind, period) is left alone, and so is a subscriber no longer confirmed, paused
 * or suppressed by now: only the returned ids may be sent, in their order. One transaction, which
 * also runs `alsoWrite` (marks of accepted batches, see AcceptedBatches) and reports their rowsAffected.
 */
export async function insertSending(
  db: Db,
  batch: { runId: string; key: string; snapshot: ListingSnapshot; now: Date; claimUntil: Date },
  items: NewDelivery[],
  alsoWrite: InStatement[] = [],
): Promise<{ inserted: Set<string>; alsoWritten: number[] }> {
  const { runId, key, snapshot, now, claimUntil } = batch;
  if (items.length === 0) return { inserted: new Set(), alsoWritten: alsoWrite.length ? (await db.$client.batch(alsoWrite, "write")).map((r) => r.rowsAffected) : [] };
  const packed = packBatch(items, snapshot);
  // What differs per row travels with it (VALUES); what a batch's rows share is bound once
  // (?1-?4, numbered so each "?" after them takes the next number): a quarter of the placeholders
  // for SQLite to compile and the client to convert. Encoded as the schema stores them: times in
  // ms, lists as JSON. A row keeps no listing ids when its content names them by position
  // (mailedListingIds reads them back): a row is then a third of the bytes, so a batch's writes
  // and marks touch fewer pages. Content kept whole (packBatch) names none: its row keeps them.
  const t = now.getTime();
  const rowArgs: InValue[] = [];
  for (let position = 0; position < items.length; position++) {
    const item = items[position]!;
    const listingIds = isPacked(packed.digests[position]!.payload) ? null : JSON.stringify(Array.from(item.shown, (p) => snapshot.id(p)));
    rowArgs.push(item.id, item.subscriberId, item.period, position, listingIds, JSON.stringify(item.fingerprints), item.matched.length, item.emailHash);
  }
  // Only for subscribers who still want this digest now: one may have unsubscribed, paused,
  // deleted their data or bounced since their page was read (a long, rate-limited run).
  const insert = {
    sql: `INSERT INTO deliveries (id, subscriber_id, period, batch_position, listing_ids, fingerprints, total_matches,
            kind, status, created_at, updated_at, claimed_by, claim_expires_at, first_send_at, attempts, idempotency_key, composed_at)
          SELECT v.column1, v.column2, v.column3, v.column4, v.column5, v.column6, v.column7,
            'digest', 'sending', ?1, ?1, ?2, ?3, ?1, 1, ?4, ?1
          FROM (VALUES ${items.map(() => "(?, ?, ?, ?, ?, ?, ?, ?)").join(", ")}) AS v
          JOIN subscribers s ON s.id = v.column2
          WHERE s.status = 'confirmed' AND (s.paused_until IS NULL OR s.paused_until <= ?1)
            AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.email_hash = v.column8)
          ON CONFLICT DO NOTHING`,
    args: [t, runId, claimUntil.getTime(), key, ...rowArgs],
  };
  const contents = items.flatMap((item, i) => {
    const { matched, payload } = packed.digests[i]!;
    return [item.id, matched, ...encodeValues(deliveryContents, ["payload"], { payload: payload as unknown as Record<string, unknown> })];
  });
  const ours = `SELECT id FROM deliveries WHERE idempotency_key = ? AND claimed_by = ?`;
  const results = await db.$client.batch(
    [
      { sql: `${insert.sql} RETURNING id`, args: insert.args },
      // The listings this batch names first, with its batch record: only when some of its rows went
      // in, so every snapshot row has a batch referring to it (see releaseSnapshots).
      ...snapshotInserts(snapshot, packed.unstored, key, runId),
      {
        sql: `INSERT INTO delivery_batches (idempotency_key, listing_ids, cards, created_at, snapshot) SELECT ?, '[]', '{}', ?, ? WHERE EXISTS (${ours})`,
        args: [key, now.getTime(), snapshot.key, key, runId],
      },
      {
        // Only for the rows that went in (ids are fresh, so a row with this id is ours).
        sql: `INSERT INTO delivery_contents (delivery_id, matched_positions, payload)
              SELECT v.column1, v.column2, v.column3 FROM (VALUES ${items.map(() => "(?, ?, ?)").join(", ")}) AS v
              WHERE v.column1 IN (${ours})`,
        args: [...contents, key, runId],
      },
      // Last, so the batch is told apart by its first statement (bench/instrument.ts).
      ...alsoWrite,
    ],
    "write",
  );
  const inserted = new Set(results[0]!.rows.map((r) => r.id as string));
  if (inserted.size) snapshot.markStored(packed.unstored);
  return { inserted, alsoWritten: results.slice(results.length - alsoWrite.length).map((r) => r.rowsAffected) };
}

/** Chunks stay far below SQLite's limit of 32,766 arguments a statement. */
const SNAPSHOT_CHUNK = 1000;

function snapshotInserts(snapshot: ListingSnapshot, { withCard, idOnly }: StoredPositions, key: string, runId: string): InStatement[] {
  const rows: [position: number, card: string | null][] = [...withCard.map((p): [number, string] => [p, JSON.stringify(snapshot.card(p))]), ...idOnly.map((p): [number, null] => [p, null])];
  const statements: InStatement[] = [];
  for (let i = 0; i < rows.length; i += SNAPSHOT_CHUNK) {
    const chunk = rows.slice(i, i + SNAPSHOT_CHUNK);
    statements.push({
      // A listing an earlier batch stored with its id alone gets its card once one shows it.
      sql: `INSERT INTO delivery_listings (snapshot, position, listing_id, card)
            SELECT v.column1, v.column2, v.column3, v.column4 FROM (VALUES ${chunk.map(() => "(?, ?, ?, ?)").join(", ")}) AS v
            WHERE EXISTS (SELECT id FROM deliveries WHERE idempotency_key = ? AND claimed_by = ?)
            ON CONFLICT (snapshot, position) DO UPDATE SET card = excluded.card WHERE delivery_listings.card IS NULL AND excluded.card IS NOT NULL`,
      args: [...chunk.flatMap(([p, card]) => [snapshot.key, p, snapshot.id(p), card]), key, runId],
    });
  }
  return statements;
}

/**
 * Deletes the listing snapshots no batch refers to any more, of `snapshots` (see snapshotsOf): run
 * after their batch records were deleted (a subscriber's data deleted, a refused batch released).
 * Should that happen while the run that wrote a snapshot still sends, its later batches refer to
 * rows no longer there: they are sent all the same, and only a recovery of one would find its
 * content incomplete (unpackDigest: marked unknown, never resent blindly).
 */
export async function releaseSnapshots(db: Db, snapshots: string[]): Promise<void> {
  if (snapshots.length === 0) return;
  await db.$client.execute({
    sql: `DELETE FROM delivery_listings WHERE snapshot IN (SELECT value FROM json_each(?))
            AND NOT EXISTS (SELECT 1 FROM delivery_batches b WHERE b.snapshot = delivery_listings.snapshot)`,
    args: [JSON.stringify(snapshots)],
  });
}

/** The listing snapshots these batches refer to. */
export async function snapshotsOf(db: Db, keys: string[] | SQLWrapper): Promise<string[]> {
  const rows = await db.selectDistinct({ snapshot: deliveryBatches.snapshot }).from(deliveryBatches).where(and(inArray(deliveryBatches.idempotencyKey, keys), isNotNull(deliveryBatches.snapshot)));
  return rows.map((r) => r.snapshot!);
}

/**
 * The provider accepted: the digests are sent, and with that their fingerprints count as mailed.
 * Returns how many rows this call moved to `sent` (a row already sent by a run that recovered the
 * same batch is not counted twice).
 */
export async function markSent(db: Db, rows: Pick<DeliveryRow, "id">[], providerIds: string[], now: Date): Promise<number> {
  if (rows.length === 0) return 0;
  return (await db.$client.execute(markSentStatement(rows, providerIds, now))).rowsAffected;
}

/** markSent's statement, to run in another write's transaction (see AcceptedBatches); its rowsAffected is the count. */
export function markSentStatement(rows: Pick<DeliveryRow, "id">[], providerIds: string[], now: Date): InStatement {
  const t = now.getTime();
  return {
    sql: `UPDATE deliveries SET status = 'sent', sent_at = ?, provider_message_id = v.column2, claimed_by = NULL, claim_expires_at = NULL,
            error = NULL, updated_at = ?
          FROM (VALUES ${rows.map(() => "(?, ?)").join(", ")}) AS v
          WHERE deliveries.id = v.column1 AND deliveries.status = 'sending'`,
    args: [t, t, ...rows.flatMap((row, i) => [row.id, providerIds[i] ?? null])],
  };
}

/**
 * Ends rows this run still holds as `failed`, `skipped` or `unknown`. A row another run took over
 * meanwhile (our claim lapsed during long retries) is left to that run: it may have sent it.
 */
export async function markStatus(db: Db, runId: string, rowIds: string[], status: "failed" | "skipped" | "unknown", error: string, now: Date) {
  if (rowIds.length === 0) return;
  await db
    .update(deliveries)
    .set({ status, error, claimedBy: null, claimExpiresAt: null, updatedAt: now })
    .where(and(inArray(deliveries.id, rowIds), eq(deliveries.claimedBy, runId), inArray(deliveries.status, ["planned", "sending"])));
}

/**
 * Takes rows this run holds in `sending` off the ledger, with their content and, once none of its
 * rows is left, the batch's record (and a listing snapshot no other batch refers to): for a batch
 * the provider refused whole for the quota or the API key. Nothing of it was sent and the provider
 * keeps nothing for a refused key, so its subscribers are simply due again at the next tick.
 */
export async function releaseRefused(db: Db, runId: string, key: string, rowIds: string[]) {
  if (rowIds.length === 0) return;
  const held = and(inArray(deliveries.id, rowIds), eq(deliveries.claimedBy, runId), eq(deliveries.status, "sending"));
  const snapshots = await snapshotsOf(db, [key]);
  await db.batch([
    // Contents explicitly, as my-data.ts does: ON DELETE CASCADE rests on a per-connection setting.
    db.delete(deliveryContents).where(inArray(deliveryContents.deliveryId, db.select({ id: deliveries.id }).from(deliveries).where(held))),
    db.delete(deliveries).where(held),
    db.delete(deliveryBatches).where(and(eq(deliveryBatches.idempotencyKey, key), notExists(db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.idempotencyKey, key))))),
  ]);
  await releaseSnapshots(db, snapshots);
}

/**
 * The listings each digest put in its email, in order, by row id: kept on the row, or, for the
 * rows the weekly run writes with their content, read from that content and its batch's listings
 * (a listing the ledger no longer has is left out). Null when neither is there.
 */
export async function mailedListingIds(db: Db, rows: Pick<DeliveryRow, "id" | "idempotencyKey" | "listingIds">[]): Promise<Map<string, string[] | null>> {
  const found = new Map<string, string[] | null>(rows.map((r) => [r.id, r.listingIds]));
  const fromContent = rows.filter((r) => r.listingIds === null && r.idempotencyKey !== null);
  for (let i = 0; i < fromContent.length; i += 500) {
    const chunk = fromContent.slice(i, i + 500);
    const contents = await db.select({ id: deliveryContents.deliveryId, payload: deliveryContents.payload }).from(deliveryContents).where(inArray(deliveryContents.deliveryId, chunk.map((r) => r.id)));
    const packed = new Map(contents.filter((c) => c.payload && isPacked(c.payload as unknown as PackedDigest)).map((c) => [c.id, c.payload as unknown as PackedDigest]));
    const positions = [...new Set([...packed.values()].flatMap(shownPositions))];
    const listings = await loadBatchListings(db, [...new Set(chunk.map((r) => r.idempotencyKey!))], positions);
    for (const row of chunk) {
      const payload = packed.get(row.id);
      const batch = listings.get(row.idempotencyKey!);
      if (payload && batch) found.set(row.id, unpackMatched(shownPositions(payload), batch));
    }
  }
  return found;
}

/**
 * The listings these batches refer to (see stored-batch.ts), by idempotency key: kept with the
 * batch by earlier versions, or in its listing snapshot, read once however many of the batches
 * share it. With `positions`, only those of a snapshot are read (one digest's "see all" list).
 */
export async function loadBatchListings(db: Db, keys: string[], positions?: readonly number[]): Promise<Map<string, BatchListings>> {
  const found = new Map<string, BatchListings>();
  const bySnapshot = new Map<string, string[]>();
  for (let i = 0; i < keys.length; i += 500) {
    for (const b of await db.select().from(deliveryBatches).where(inArray(deliveryBatches.idempotencyKey, keys.slice(i, i + 500)))) {
      if (b.snapshot === null) found.set(b.idempotencyKey, { ids: b.listingIds, cards: b.cards as BatchListings["cards"] });
      else bySnapshot.set(b.snapshot, [...(bySnapshot.get(b.snapshot) ?? []), b.idempotencyKey]);
    }
  }
  for (const [snapshot, batchKeys] of bySnapshot) {
    const listings: BatchListings = { ids: [], cards: {} };
    const wanted = positions ? and(eq(deliveryListings.snapshot, snapshot), sql`${deliveryListings.position} IN (SELECT value FROM json_each(${JSON.stringify(positions)}))`) : eq(deliveryListings.snapshot, snapshot);
    for (const row of await db.select().from(deliveryListings).where(wanted)) {
      listings.ids[row.position] = row.listingId;
      if (row.card !== null) listings.cards[row.position] = row.card as unknown as ListingCard;
    }
    for (const key of batchKeys) found.set(key, listings);
  }
  return found;
}
