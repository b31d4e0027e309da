import { blob, index, integer, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { subscribers } from "./subscribers";

export const DELIVERY_STATUSES = ["sending", "sent", "failed", "skipped", "unknown"] as const;
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/**
 * The delivery ledger (DESIGN.md §4): one row per (subscriber, kind, period), written as
 * `sending` (or `skipped`) and moving to sent | failed (or unknown once the provider's 24-hour
 * idempotency window has passed). The provider idempotency key derives from the row, so nothing mails twice.
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
    /** The listings in the email, in order. */
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
    index("deliveries_provider_message_idx").on(t.providerMessageId),
    index("deliveries_batch_idx").on(t.idempotencyKey),
  ],
);

/**
 * What was sent, kept beside its ledger row so the row itself stays small (the row is rewritten
 * at every step: sending, sent; this one is written once). Pruned by the daily housekeeping once
 * the row is final and past the provider's 24-hour idempotency window, except for each
 * subscriber's latest digest (its "see all" page reads `matchedListingIds`).
 */
export const deliveryContents = sqliteTable("delivery_contents", {
  deliveryId: text("delivery_id")
    .primaryKey()
    .references(() => deliveries.id, { onDelete: "cascade" }),
  /** Every listing that matched, ranked (the "see all N matches" page). */
  matchedListingIds: text("matched_listing_ids", { mode: "json" }).$type<string[]>(),
  /**
   * The message as the provider was asked to send it (to, from, subject, html, text, headers,
   * tags), JSON compressed with deflate-raw (src/digest/stored-message.ts): a retry resends these
   * exact bytes under the row's idempotency key.
   */
  message: blob("message", { mode: "buffer" }),
});

export type DeliveryRow = typeof deliveries.$inferSelect;
