import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { PROVIDER_KEY_TTL_MS } from "./ledger";

/** Rows pruned per statement: each stays short, on a local file and on D1 alike. */
const PRUNE_CHUNK = 2_000;

/**
 * Deletes the stored content (message, matched listings) of ledger rows that are final (not
 * `sending`) and last changed more than the provider's 24-hour idempotency window ago: no retry
 * can need the exact bytes any more. Each subscriber's latest sent digest keeps its content, which
 * the "see all N matches" page reads. The rows themselves stay (status, listing ids and
 * fingerprints: what was mailed). Idempotent; returns how many contents were deleted.
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
