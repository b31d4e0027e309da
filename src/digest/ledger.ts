import { and, eq, inArray, isNull, lt, or, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { Db } from "../../db/client";
import { deliveries, mailedFingerprints, type DeliveryRow } from "../../db/schema";
import type { OutgoingEmail } from "../mail/mailer";

/** A claim lapses this long after it was taken: a run that died is taken over by a later one. */
export const CLAIM_MS = 5 * 60_000;
/** Resend keeps idempotency keys for 24 hours; after that a retry could mail twice. */
export const PROVIDER_KEY_TTL_MS = 24 * 60 * 60_000;

const lapsed = (now: Date) => or(isNull(deliveries.claimExpiresAt), lt(deliveries.claimExpiresAt, now));

/** Claims up to `limit` planned digests nobody holds (or whose holder died). Atomic: two runs never share a row. */
export async function claimPlanned(db: Db, runId: string, now: Date, limit: number): Promise<DeliveryRow[]> {
  const ids = db
    .select({ id: deliveries.id })
    .from(deliveries)
    .where(and(eq(deliveries.status, "planned"), lapsed(now)))
    .orderBy(deliveries.createdAt, deliveries.id)
    .limit(limit);
  return db
    .update(deliveries)
    .set({ claimedBy: runId, claimExpiresAt: new Date(now.getTime() + CLAIM_MS), updatedAt: now })
    .where(and(inArray(deliveries.id, ids), eq(deliveries.status, "planned"), lapsed(now)))
    .returning();
}

/** Claims whole batches left in `sending` by a run that died, ordered as they were first sent. */
export async function claimStuckBatches(db: Db, runId: string, now: Date, maxBatches: number): Promise<DeliveryRow[][]> {
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
  const batches = new Map<string, DeliveryRow[]>();
  for (const row of rows) {
    const list = batches.get(row.idempotencyKey!) ?? [];
    list.push(row);
    batches.set(row.idempotencyKey!, list);
  }
  return [...batches.values()].map((b) => b.sort((a, c) => (a.batchPosition ?? 0) - (c.batchPosition ?? 0)));
}

/**
 * Fixes a batch's content and key in the ledger before the first provider call, for the rows
 * this run still holds: a row another run took over (our claim lapsed) is left alone. Returns the
 * ids marked; only those may be sent, in their order (positions keep the gaps, so a recovered
 * batch is rebuilt byte for byte).
 */
export async function markSending(db: Db, runId: string, key: string, items: { row: DeliveryRow; email: OutgoingEmail; listingIds: string[]; payload?: object }[], now: Date): Promise<Set<string>> {
  const marked = new Set<string>();
  // The payload is the compact form when there is one (a digest's props, see compose.ts), else the message.
  const writes = items.map(({ row, email, listingIds, payload }, position) =>
    db
      .update(deliveries)
      .set({ status: "sending", idempotencyKey: key, batchPosition: position, payload: (payload ?? email) as unknown as Record<string, unknown>, listingIds, firstSendAt: now, attempts: sql`${deliveries.attempts} + 1`, updatedAt: now })
      .where(and(eq(deliveries.id, row.id), eq(deliveries.status, "planned"), eq(deliveries.claimedBy, runId)))
      .returning({ id: deliveries.id }),
  );
  for (let i = 0; i < writes.length; i += 200) {
    const chunk = writes.slice(i, i + 200) as [(typeof writes)[number], ...(typeof writes)[number][]];
    if (chunk.length) for (const result of await db.batch(chunk)) for (const r of result) marked.add(r.id);
  }
  return marked;
}

/** The provider accepted: the digest is sent and its listings count as mailed, in one atomic write. */
export async function markSent(db: Db, rows: DeliveryRow[], providerIds: string[], fingerprints: Map<string, string[]>, now: Date) {
  const writes: BatchItem<"sqlite">[] = rows.map((row, i) =>
    db.update(deliveries).set({ status: "sent", sentAt: now, providerMessageId: providerIds[i] ?? null, claimedBy: null, claimExpiresAt: null, error: null, updatedAt: now }).where(eq(deliveries.id, row.id)),
  );
  const mailed = rows.flatMap((row) => (fingerprints.get(row.id) ?? []).map((fingerprint) => ({ subscriberId: row.subscriberId, fingerprint, deliveryId: row.id, mailedAt: now })));
  for (let i = 0; i < mailed.length; i += 500) writes.push(db.insert(mailedFingerprints).values(mailed.slice(i, i + 500)).onConflictDoNothing());
  await batch(db, writes);
}

export async function markStatus(db: Db, rowIds: string[], status: "failed" | "skipped" | "unknown", error: string, now: Date) {
  if (rowIds.length === 0) return;
  await db.update(deliveries).set({ status, error, claimedBy: null, claimExpiresAt: null, updatedAt: now }).where(inArray(deliveries.id, rowIds));
}

async function batch(db: Db, writes: BatchItem<"sqlite">[]) {
  for (let i = 0; i < writes.length; i += 200) {
    const chunk = writes.slice(i, i + 200);
    if (chunk.length) await db.batch(chunk as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  }
}
