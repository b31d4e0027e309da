import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { subscribers } from "./subscribers";

/** `skipped`: left `sending` by a run, and its subscriber stopped mail (or notes) before a later run could resend it. */
export const EMPTY_WEEK_NOTE_STATUSES = ["sending", "sent", "failed", "unknown", "skipped"] as const;

/**
 * The "nothing matched for two weeks" notes (issue 18.5), one row per (subscriber, week): the
 * key is what makes a note go at most once, whoever runs. Same rules as the digest ledger: the
 * row and its content are written before the provider call, the idempotency key derives from the
 * row, a run's claim lapses after 5 minutes so another run finishes its work by re-sending the
 * stored message byte for byte (the provider replays its first answer), and a row still
 * `sending` after the provider's 24-hour key window becomes `unknown`, never resent blindly.
 */
export const emptyWeekNotes = sqliteTable(
  "empty_week_notes",
  {
    subscriberId: text("subscriber_id")
      .notNull()
      .references(() => subscribers.id, { onDelete: "cascade" }),
    /** The subscriber's local ISO week of the second empty digest in a row, e.g. "2026-W49". */
    period: text("period").notNull(),
    status: text("status", { enum: EMPTY_WEEK_NOTE_STATUSES }).notNull(),
    idempotencyKey: text("idempotency_key").notNull(),
    claimedBy: text("claimed_by"),
    claimExpiresAt: integer("claim_expires_at", { mode: "timestamp_ms" }),
    firstSendAt: integer("first_send_at", { mode: "timestamp_ms" }),
    attempts: integer("attempts").notNull().default(0),
    /** The message as first composed (subject, html, text, headers): every retry sends exactly this. */
    payload: text("payload", { mode: "json" }).$type<Record<string, unknown>>(),
    providerMessageId: text("provider_message_id"),
    sentAt: integer("sent_at", { mode: "timestamp_ms" }),
    error: text("error"),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull(),
    updatedAt: integer("updated_at", { mode: "timestamp_ms" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.subscriberId, t.period] }), index("empty_week_notes_status_idx").on(t.status)],
);

export type EmptyWeekNoteRow = typeof emptyWeekNotes.$inferSelect;
