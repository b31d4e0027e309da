import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { PROVIDER_KEY_TTL_MS } from "./ledger";

/** Rows pruned per statement, so each stays short. */
const PRUNE_CHUNK = 2_000;

/**
 * Deletes the stored content of ledger rows final and unchanged for the provider's 24-hour key
 * window (no retry needs the bytes), except each subscriber's latest sent digest (its "see all"
 * page reads it). The rows stay: what was mailed. Idempotent; returns how many were deleted.
 */
export async function pruneStoredContents(db: Db, now: Date): Promise<number> {
  const cutoff = now.getTime() - PROVIDER_KEY_TTL_MS;
  let pruned = 0;
  for (;;) {
    const deleted = await db.all<{ id: string }>(sql`
      DELETE FROM delivery_contents WHERE delivery_id IN (
        SELECT d.id FROM delivery_contents c JOIN deliveries d ON d.id = c.delivery_id
        WHERE d.status <> 'sending' AND d.updated_at < ${cutoff}
          AND d.id IS NOT (SELECT l.id FROM deliveries l WHERE l.subscriber_id = d.subscriber_id AND l.kind = 'digest'
                           AND l.status = 'sent' ORDER BY l.composed_at DESC LIMIT 1)
        LIMIT ${PRUNE_CHUNK}
      ) RETURNING delivery_id AS id`);
    pruned += deleted.length;
    if (deleted.length < PRUNE_CHUNK) return pruned;
  }
}

/**
 * Empties the stored message of empty-week notes final and unchanged for the provider's 24-hour key
 * window: only a resend under the same key needs those bytes, and each holds the address and a whole
 * email. The rows stay (one note per run of empty weeks). Idempotent; returns how many were emptied.
 */
export async function pruneNotePayloads(db: Db, now: Date): Promise<number> {
  const cutoff = now.getTime() - PROVIDER_KEY_TTL_MS;
  const emptied = await db.all<{ id: string }>(sql`
    UPDATE empty_week_notes SET payload = NULL
    WHERE status <> 'sending' AND updated_at < ${cutoff} AND payload IS NOT NULL
    RETURNING subscriber_id AS id`);
  return emptied.length;
}
