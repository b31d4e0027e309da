import { and, eq, inArray, isNotNull, isNull, lt, or, sql } from "drizzle-orm";
import { confirmationSends, preferenceRequests, preferences, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { RATE_LIMIT_RULES } from "../security/rate-limit";
import { expiredNewChoicesStatement } from "./new-choices";

/** A pending subscriber is deleted this long after its confirmation was mailed (the link died at 7 days). */
export const PENDING_RETENTION_MS = 30 * 24 * 60 * 60_000;

export interface PurgeSummary {
  pendingSubscribers: number;
  newChoiceRequests: number;
  rateLimitRows: number;
}

/**
 * The daily clean-up's subscriber half (issue 16.8): deletes pending subscribers whose
 * confirmation was mailed more than 30 days ago (never confirmed, never mailed again), requests
 * for new choices past their link's 7 days, and rate-limit rows whose window has ended. Idempotent;
 * touches no confirmed or unsubscribed subscriber. Called by the housekeeping job, with its `now`.
 */
export async function purgeExpired(deps: Pick<Deps, "db" | "log">, now: Date): Promise<PurgeSummary> {
  const db = deps.db;
  const cutoff = new Date(now.getTime() - PENDING_RETENTION_MS);
  const stale = await db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(
      and(
        eq(subscribers.status, "pending"),
        or(
          and(isNotNull(subscribers.confirmationSentAt), lt(subscribers.confirmationSentAt, cutoff)),
          and(isNull(subscribers.confirmationSentAt), lt(subscribers.updatedAt, cutoff)),
        ),
      ),
    );
  // In slices: D1 binds at most 100 parameters per statement.
  for (let i = 0; i < stale.length; i += 90) {
    const ids = stale.slice(i, i + 90).map((r) => r.id);
    // Children first, explicitly: foreign keys may be off on a given connection.
    await db.batch([
      db.delete(confirmationSends).where(inArray(confirmationSends.subscriberId, ids)),
      db.delete(preferenceRequests).where(inArray(preferenceRequests.subscriberId, ids)),
      db.delete(preferences).where(inArray(preferences.subscriberId, ids)),
      db.delete(subscribers).where(and(inArray(subscribers.id, ids), eq(subscribers.status, "pending"))),
    ]);
  }
  const requests = await expiredNewChoicesStatement(deps, now).returning({ id: preferenceRequests.id });
  let rateLimitRows = 0;
  for (const rule of RATE_LIMIT_RULES) {
    const ended = now.getTime() - rule.windowMs;
    const rows = await db.all<{ key: string }>(
      sql`DELETE FROM rate_limits WHERE key >= ${`${rule.name}:`} AND key < ${`${rule.name};`} AND window_start <= ${ended} RETURNING key`,
    );
    rateLimitRows += rows.length;
  }
  const summary = { pendingSubscribers: stale.length, newChoiceRequests: requests.length, rateLimitRows };
  deps.log.info("subscribers.purged", { ...summary });
  return summary;
}
