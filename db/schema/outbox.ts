import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * The database outbox (src/mail/transports/outbox-db.ts): mail a deployment without a Resend key
 * would have sent, outside production, shown by /dev/outbox. One row per message; the id derives
 * from the idempotency key, so a retried or redelivered send writes nothing twice. Workers use it
 * (no file system); the table exists everywhere so both runtimes share one set of migrations.
 */
export const outboxMessages = sqliteTable(
  "outbox_messages",
  {
    id: text("id").primaryKey(),
    idempotencyKey: text("idempotency_key").notNull(),
    to: text("to_addresses", { mode: "json" }).$type<string | string[]>().notNull(),
    from: text("from_address").notNull(),
    subject: text("subject").notNull(),
    html: text("html").notNull(),
    text: text("text").notNull(),
    headers: text("headers", { mode: "json" }).$type<Record<string, string>>().notNull(),
    tags: text("tags", { mode: "json" }).$type<{ name: string; value: string }[]>().notNull(),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
  },
  // /dev/outbox lists the newest first.
  (t) => [index("outbox_messages_created_idx").on(t.createdAt)],
);
