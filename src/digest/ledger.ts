import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import { jsonRowsInsert } from "../../db/bulk";
import type { Db } from "../../db/client";
import { inJsonList } from "../../db/json-list";
import { deliveries, deliveryContents, type DeliveryRow } from "../../db/schema";
import type { OutgoingEmail } from "../mail/mailer";
import { unpackMessage } from "./stored-message";

/** A claim lapses this long after it was taken: a run that died is taken over by a later one. */
export const CLAIM_MS = 5 * 60_000;
/** Resend keeps idempotency keys for 24 hours; after that a retry could mail twice. */
export const PROVIDER_KEY_TTL_MS = 24 * 60 * 60_000;

const lapsed = (now: Date) => or(isNull(deliveries.claimExpiresAt), lt(deliveries.claimExpiresAt, now));
/** Rows this run still holds: one another run took over (our claim lapsed in long retries) is left to it. */
const held = (runId: string, rowIds: string[]) =>
  and(inJsonList(deliveries.id, rowIds), eq(deliveries.claimedBy, runId), eq(deliveries.status, "sending"));

/** A stuck row with the message its first attempt carried (null: missing or unreadable). */
export type StuckDelivery = DeliveryRow & { email: OutgoingEmail | null };

/** Claims whole batches left in `sending` by a run that died, each in the order it was first sent. */
export async function claimStuckBatches(db: Db, runId: string, now: Date, maxBatches: number) {
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
  const ids = rows.map((r) => r.id);
  const contents = await db
    .select({ id: deliveryContents.deliveryId, message: deliveryContents.message })
    .from(deliveryContents)
    .where(inJsonList(deliveryContents.deliveryId, ids));
  const emails = new Map<string, OutgoingEmail | null>();
  for (const c of contents) emails.set(c.id, c.message ? await unpackMessage(c.message).catch(() => null) : null);
  const batches = new Map<string, StuckDelivery[]>();
  for (const row of rows.sort((a, c) => (a.batchPosition ?? 0) - (c.batchPosition ?? 0))) {
    const key = row.idempotencyKey!;
    batches.set(key, [...(batches.get(key) ?? []), { ...row, email: emails.get(row.id) ?? null }]);
  }
  return [...batches.values()];
}

/** A digest composed by this run, about to go out in one batch. */
export interface NewDelivery {
  id: string;
  subscriberId: string;
  period: string;
  /** The listings in the email, in order, and every listing that matched, ranked (the "see all N matches" page). */
  listingIds: string[];
  matchedListingIds: string[];
  fingerprints: string[];
  /** The address's suppression hash (subscribers/suppression.ts), checked again as the row goes in. */
  emailHash: string;
  /** The message, as stored (stored-message.ts). */
  message: Uint8Array;
}

/**
 * Writes a batch into `sending`, claimed by this run, message and key fixed before the first provider
 * call (a run that dies after this is finished byte for byte by the next). Skips a (subscriber, kind,
 * period) a concurrent run already wrote, and subscribers no longer mailable: only the returned ids may be sent.
 */
export async function insertSending(
  db: Db,
  batch: { runId: string; key: string; now: Date; claimUntil: Date },
  items: NewDelivery[],
): Promise<Set<string>> {
  const { runId, key, claimUntil } = batch;
  const t = batch.now.getTime();
  const rows = items.map((d, position) => [
    d.id,
    d.subscriberId,
    d.period,
    position,
    d.listingIds,
    d.fingerprints,
    d.matchedListingIds.length,
    d.emailHash,
  ]);
  const v = (i: number) => sql.raw(`json_extract(j.value, '$[${i}]')`);
  // CROSS JOIN: SQLite walks the batch and seeks each subscriber by id (left to itself, it scanned subscribers).
  const insertRows = db.all<{ id: string }>(sql`
    INSERT INTO deliveries (id, subscriber_id, period, batch_position, listing_ids, fingerprints, total_matches,
      kind, status, created_at, updated_at, claimed_by, claim_expires_at, first_send_at, attempts, idempotency_key, composed_at)
    SELECT ${v(0)}, ${v(1)}, ${v(2)}, ${v(3)}, ${v(4)}, ${v(5)}, ${v(6)}, 'digest', 'sending', ${t}, ${t}, ${runId}, ${claimUntil.getTime()}, ${t}, 1, ${key}, ${t}
    FROM json_each(${JSON.stringify(rows)}) j CROSS JOIN subscribers s ON s.id = ${v(1)}
    WHERE s.status = 'confirmed' AND (s.paused_until IS NULL OR s.paused_until <= ${t})
      AND NOT EXISTS (SELECT 1 FROM suppressions x WHERE x.email_hash = ${v(7)})
    ON CONFLICT DO NOTHING
    RETURNING id`);
  // Only for the rows that went in (ids are fresh, so a row with this id and our claim is ours).
  const contents = items.map((d) =>
    db.run(sql`INSERT INTO delivery_contents (delivery_id, matched_listing_ids, message)
      SELECT ${d.id}, ${JSON.stringify(d.matchedListingIds)}, ${d.message}
      WHERE EXISTS (SELECT 1 FROM deliveries WHERE id = ${d.id} AND claimed_by = ${runId})`),
  );
  const [inserted] = await db.batch([insertRows, ...contents]);
  return new Set(inserted.map((r) => r.id));
}

/** A digest nobody will be sent this week, and why (`totalMatches`: 0 when nothing matched). */
export type SkippedDigest = { subscriberId: string; period: string; error: string; totalMatches?: number | null };

/** Writes skipped digests' rows; returns those written (a concurrent run's rows stay). */
export async function insertSkipped(db: Db, skipped: SkippedDigest[], now: Date) {
  if (skipped.length === 0) return [];
  const fixed = { kind: "digest", status: "skipped" as const, createdAt: now, updatedAt: now };
  const rows = skipped.map((s) => ({ id: crypto.randomUUID(), ...fixed, ...s, totalMatches: s.totalMatches ?? null }));
  const tail = sql`ON CONFLICT DO NOTHING RETURNING total_matches AS totalMatches`;
  return db.all<{ totalMatches: number | null }>(jsonRowsInsert(deliveries, rows, tail));
}

/**
 * Records the provider's answer to one batch in one write: the accepted rows `sent` (a trigger
 * records their fingerprints as mailed), the ones it refused on its own `failed` with the reason.
 * All or nothing: a run that dies or cannot write midway leaves the whole batch `sending`, which the
 * next run replays byte for byte (the provider replays its answer). Half of it would leave a smaller
 * batch under the key, a different body the provider refuses (409), and the refused rows `unknown`.
 * Returns how many rows this call moved to each (not those a recovering run already marked).
 */
export async function recordAnswer(
  db: Db,
  runId: string,
  answer: { accepted: { id: string; providerId: string }[]; refused: { id: string; reason: string }[] },
  now: Date,
) {
  const t = now.getTime();
  const sent = JSON.stringify(answer.accepted.map((a) => [a.id, a.providerId]));
  const refused = JSON.stringify(answer.refused.map((r) => [r.id, `refused by the provider: ${r.reason}`]));
  // Counted from RETURNING: D1's run result has no rowsAffected, and its meta.changes counts the trigger's rows too.
  // `+status` keeps SQLite off the status index: through it, every `sending` row was matched against
  // every pair (100 × 100 per batch); this way each pair seeks its row by id (a batch 21 → 8 ms).
  const [moved, failed] = await db.batch([
    db.all<{ id: string }>(sql`
      UPDATE deliveries SET status = 'sent', sent_at = ${t}, provider_message_id = json_extract(j.value, '$[1]'), claimed_by = NULL,
        claim_expires_at = NULL, error = NULL, updated_at = ${t}
      FROM json_each(${sent}) j
      WHERE deliveries.id = json_extract(j.value, '$[0]') AND +deliveries.status = 'sending'
      RETURNING deliveries.id`),
    // Only rows this run still holds, as markStatus: a run that took the batch over records it itself.
    db.all<{ id: string }>(sql`
      UPDATE deliveries SET status = 'failed', error = json_extract(j.value, '$[1]'), claimed_by = NULL,
        claim_expires_at = NULL, updated_at = ${t}
      FROM json_each(${refused}) j
      WHERE deliveries.id = json_extract(j.value, '$[0]') AND +deliveries.status = 'sending'
        AND deliveries.claimed_by = ${runId}
      RETURNING deliveries.id`),
  ]);
  return { sent: moved.length, failed: failed.length };
}

/**
 * What a deferred batch's rows say in `error`: only DEFERRED_REFUSED proves nothing went out (the
 * provider answered a refusal to every attempt of every run), so the batch may be re-formed. Anything
 * else in `sending` (null: a run died mid-request) may have been accepted and is only ever replayed.
 */
export const DEFERRED_REFUSED = "deferred: the provider refused every attempt (5xx or 429); nothing was sent";
const DEFERRED_MAYBE_ACCEPTED = "deferred: an attempt may have been accepted; only an identical replay is safe";
/** Set while a refused batch is replayed: a run that dies mid-request leaves the batch ambiguous. */
const REPLAYING_REFUSED = "replaying a batch refused before; an attempt may be in flight";

/** Marks a batch refused on every attempt so far as being replayed (call before handing it over again). */
export async function markReplaying(db: Db, runId: string, rowIds: string[]) {
  const refused = and(held(runId, rowIds), eq(deliveries.error, DEFERRED_REFUSED));
  await db.update(deliveries).set({ error: REPLAYING_REFUSED }).where(refused);
}

/**
 * Records why rows this run holds stay `sending` for a later run. `refusedOnly`: every attempt of
 * this run got a refusal; the rows stay re-formable only if nothing before could have been
 * accepted either (fresh rows of this run, or a refused batch being replayed). Returns how many
 * rows are still this run's (none when another run took the batch over: it counts them).
 */
export async function markDeferred(
  db: Db,
  runId: string,
  rowIds: string[],
  { refusedOnly, recovering }: { refusedOnly: boolean; recovering: boolean },
) {
  const before = recovering ? sql`${deliveries.error} = ${REPLAYING_REFUSED}` : sql`${deliveries.error} IS NULL`;
  const error = refusedOnly
    ? sql`CASE WHEN ${before} THEN ${DEFERRED_REFUSED} ELSE ${DEFERRED_MAYBE_ACCEPTED} END`
    : sql`${DEFERRED_MAYBE_ACCEPTED}`;
  const rows = await db.update(deliveries).set({ error }).where(held(runId, rowIds)).returning({ id: deliveries.id });
  return rows.length;
}

/**
 * Extends this run's claim on rows it holds over a retry's wait and CLAIM_MS after it: never lapsing
 * while its owner is busy, still within CLAIM_MS of a run that died. Returns how many rows are still ours.
 */
export async function renewClaim(db: Db, runId: string, rowIds: string[], now: Date, extraMs: number) {
  const claimExpiresAt = new Date(now.getTime() + extraMs + CLAIM_MS);
  const rows = await db
    .update(deliveries)
    .set({ claimExpiresAt })
    .where(held(runId, rowIds))
    .returning({ id: deliveries.id });
  return rows.length;
}

/** Ends rows this run still holds as `failed`, `unknown` or `skipped`; returns how many it ended. */
export async function markStatus(
  db: Db,
  runId: string,
  rowIds: string[],
  status: "failed" | "unknown" | "skipped",
  error: string,
  now: Date,
) {
  const ended = { status, error, claimedBy: null, claimExpiresAt: null, updatedAt: now };
  const rows = await db.update(deliveries).set(ended).where(held(runId, rowIds)).returning({ id: deliveries.id });
  return rows.length;
}

/**
 * Takes rows this run holds off the ledger, content included: the provider refused the batch whole
 * (quota, API key), sent nothing and keeps nothing, so they are due again next tick. Returns how
 * many it took off.
 */
export async function releaseRefused(db: Db, runId: string, rowIds: string[], { neverSentOnly = false } = {}) {
  // `neverSentOnly`: only a replayed batch every earlier attempt of which was refused (markReplaying).
  const mine = neverSentOnly ? and(held(runId, rowIds), eq(deliveries.error, REPLAYING_REFUSED)) : held(runId, rowIds);
  const ids = db.select({ id: deliveries.id }).from(deliveries).where(mine);
  const [, released] = await db.batch([
    // Contents explicitly, as my-data.ts does: ON DELETE CASCADE rests on a per-connection setting.
    db.delete(deliveryContents).where(inArray(deliveryContents.deliveryId, ids)),
    db.delete(deliveries).where(mine).returning({ id: deliveries.id }),
  ]);
  return released.length;
}
