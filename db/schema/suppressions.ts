import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Addresses never to mail again (hard bounce, complaint). Only a hash of the address is kept, so
 * the entry survives "delete my data" without keeping the address itself.
 */
export const suppressions = sqliteTable("suppressions", {
  /** HMAC-SHA-256 of the address's SHA-256 under a suppression key (src/subscribers/suppression.ts). */
  emailHash: text("email_hash").primaryKey(),
  /** Which key made emailHash (a hash of the key, not the key); null for a row from before keys. */
  keyId: text("key_id"),
  reason: text("reason", { enum: ["bounce", "complaint", "manual"] }).notNull(),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
});

/** Webhook events already applied, by svix-id, so a replay changes nothing. */
export const webhookEvents = sqliteTable("webhook_events", {
  svixId: text("svix_id").primaryKey(),
  type: text("type").notNull(),
  receivedAt: integer("received_at", { mode: "timestamp_ms" }).notNull(),
});
