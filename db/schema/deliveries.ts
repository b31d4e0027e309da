import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { subscribers } from "./subscribers";

export const DELIVERY_STATUSES = ["planned", "sending", "sent", "failed", "skipped", "unknown"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The delivery ledger (DESIGN.md §4): one row per (subscriber, kind, period), moving
 * planned → sending → sent | failed | skipped (or unknown once the provider's 24-hour idempotency
 * window has passed). The provider idempotency key derives from the row, so nothing mails twice.
 */
export const deliveries = sqliteTable(
  "deliveries",
  {
    id: text("id").primaryKey(),
    subscriberId: text("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    kind: text("kind").notNull(),
    /** For the digest: the subscriber's local ISO week, e.g. "2026-W48". */
    period: text("period").notNull(),
    status: text("status", { enum: DELIVERY_STATUSES }).notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    /** A run's claim on the row; another run may take it over once it lapses. */
    claimedBy: text("claimed_by"),
    claimExpiresAt: integer("claim_expires_at", { mode: "timestamp_ms" }),
    firstSendAt: integer("first_send_at", { mode: "timestamp_ms" }),
    attempts: integer("attempts").notNull().default(0),
    /** The provider call this row travels in: rows sharing a key form one batch, in this order. */
    idempotencyKey: text("idempotency_key"),
    batchPosition: integer("batch_position"),
    /** When the digest's content was fixed; the next digest takes listings first seen after it. */
    composedAt: integer("composed_at", { mode: "timestamp_ms" }),
    /**
     * The listings in the email, in order. Null on the rows whose packed content names them, as
     * the weekly run writes them (read them with mailedListingIds in src/digest/ledger.ts).
     */
    listingIds: text("listing_ids", { mode: "json" }).$type<string[]>(),
    totalMatches: integer("total_matches"),
    /**
     * The fingerprints of `listingIds`, fixed with the content. Once the row is `sent` they count
     * as mailed to this subscriber (DESIGN.md §4: never mailed twice), with no row per listing.
     */
    fingerprints: text("fingerprints", { mode: "json" }).$type<string[]>(),
    providerMessageId: text("provider_message_id"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    error: text("error"),
    deliveredAt: integer("delivered_at", { mode: "timestamp_ms" }),
    bouncedAt: integer("bounced_at", { mode: "timestamp_ms" }),
    complainedAt: integer("complained_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    uniqueIndex("deliveries_subscriber_kind_period_idx").on(t.subscriberId, t.kind, t.period),
    index("deliveries_status_idx").on(t.status),
    // A subscriber's sent digests, newest last: the previous digest and what was mailed, read from the index.
    index("deliveries_history_idx").on(t.subscriberId, t.kind, t.status, t.composedAt),
    // The claim query walks planned rows oldest first: this index serves it without a sort. Partial,
    // so the weekly run's rows (written straight into `sending`) never touch it.
    index("deliveries_claim_idx").on(t.status, t.createdAt, t.id).where(sql`${t.status} = 'planned'`),
    index("deliveries_provider_message_idx").on(t.providerMessageId),
    index("deliveries_batch_idx").on(t.idempotencyKey),
  ],
);

/**
 * The bulky part of a digest, kept beside its ledger row so the row itself stays small: the
 * ledger row is rewritten at every step (claim, sending, sent), this one is written once each.
 */
export const deliveryContents = sqliteTable("delivery_contents", {
  deliveryId: text("delivery_id")
    .primaryKey()
    .references(() => deliveries.id, { onDelete: "cascade" }),
  /** Every listing that matched, ranked (the "see all N matches" page). */
  matchedListingIds: text("matched_listing_ids", { mode: "json" }).$type<string[]>(),
  /**
   * The same list as positions in the batch's listings (see stored-batch.ts), the form the weekly
   * run writes: encodePositions' text (earlier versions: a JSON list of numbers).
   */
  matchedPositions: text("matched_positions", { mode: "json" }).$type<string | number[]>(),
  /** What the provider was asked to send (compact: see compose.ts and stored-batch.ts), so a retry is byte-identical. */
  payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>(),
});

/**
 * What the digests of one provider batch share, written once with them: the listings they name
 * (see stored-batch.ts). Listing text only, no personal data.
 */
export const deliveryBatches = sqliteTable(
  "delivery_batches",
  {
    idempotencyKey: text("idempotency_key").primaryKey(),
    /** Empty (`[]`, `{}`) when `snapshot` is set: the batch's positions then refer to that snapshot's listings. */
    listingIds: text("listing_ids", { mode: "json" }).$type<string[]>().notNull(),
    cards: text("cards", { mode: "json" }).$type<Record<string, unknown>>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    /** The listing snapshot (`delivery_listings`) the batch's positions refer to; null for batches that carry their own. */
    snapshot: text("snapshot"),
  },
  // Whether any batch still refers to a snapshot (releaseSnapshots in src/digest/ledger.ts).
  (t) => [index("delivery_batches_snapshot_idx").on(t.snapshot)],
);

/**
 * The listings a run's digests name, each written once per candidate pool the run loaded (a
 * "snapshot", see listing-snapshot.ts) rather than once per batch: at 100,000 subscribers a run's
 * thousand batches each named ~1,400 of the same 5,000 listings. Listing text only, no personal data.
 */
export const deliveryListings = sqliteTable(
  "delivery_listings",
  {
    snapshot: text("snapshot").notNull(),
    /** The listing's position in the run's candidate pool: what the digests' content refers to. */
    position: integer("position").notNull(),
    listingId: text("listing_id").notNull(),
    /**
     * The card every digest of the snapshot shows for it (a digest whose card differed keeps its
     * own); null for a listing only named in "see all" lists, whose card is never read.
     */
    card: text("card", { mode: "json" }).$type<Record<string, unknown>>(),
  },
  (t) => [primaryKey({ columns: [t.snapshot, t.position] })],
);

export type DeliveryRow = typeof deliveries.$inferSelect;
