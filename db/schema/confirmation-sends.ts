import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { subscribers } from "./subscribers";

export const CONFIRMATION_SEND_STATUSES = ["planned", "sending", "sent", "skipped", "unknown", "refused"] as const;

/**
 * Whether an imported subscriber's confirmation email went out (issue 17: a killed import left
 * 30,000 people unmailed and no record of who was). Written `planned` with the subscriber, in the
 * same transaction; a batch of up to 100 moves to `sending` with its idempotency key fixed before
 * the provider call, and to `sent` once accepted. A re-run resends `sending` batches with the same
 * key and the same messages (the provider replays, the outbox keeps its files), then sends what
 * is still `planned`: each person is mailed once. `skipped`: no longer pending when its turn came;
 * `unknown`: still `sending` past the provider's 24-hour key window, never resent blindly;
 * `refused`: the provider would not take that one message (its address) and sent the rest of the batch.
 */
export const confirmationSends = sqliteTable(
  "confirmation_sends",
  {
    subscriberId: text("subscriber_id")
      .primaryKey()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    status: text("status", { enum: CONFIRMATION_SEND_STATUSES }).notNull(),
    /** The provider call this row travels in; its rows, in subscriber id order, are the batch. */
    idempotencyKey: text("idempotency_key"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
    firstSendAt: integer("first_send_at", { mode: "timestamp_ms" }),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
  },
  (t) => [
    index("confirmation_sends_status_idx").on(t.status, t.createdAt),
    index("confirmation_sends_key_idx").on(t.idempotencyKey),
  ],
);

export type ConfirmationSendRow = typeof confirmationSends.$inferSelect;
