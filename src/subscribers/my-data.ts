import { and, eq, inArray, ne, notExists, sql } from "drizzle-orm";
import { deliveries, deliveryBatches, deliveryContents, preferenceRequests, preferences, subscribers, suppressions } from "../../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { mailedListingIds, releaseSnapshots, snapshotsOf } from "../digest/ledger";
import { findSubscriber } from "./store";

const notFound = () => new AppError("NOT_FOUND", "No data is stored for this link any more: it was deleted.");

/**
 * Everything stored about one subscriber, as a plain JSON-ready object: the subscription,
 * preferences, the delivery ledger and the listings mailed, and whether the address is
 * suppressed. Reads only.
 */
export async function exportSubscriberData(deps: Pick<Deps, "db" | "clock" | "suppressionKeys">, subscriberId: string) {
  const found = await findSubscriber(deps.db, { id: subscriberId });
  if (!found) throw notFound();
  const [ledger, suppression, requests] = await Promise.all([
    deps.db.select().from(deliveries).where(eq(deliveries.subscriberId, subscriberId)).orderBy(deliveries.createdAt),
    deps.db.select().from(suppressions).where(inArray(suppressions.emailHash, await deps.suppressionKeys.hashes(found.subscriber.email))),
    deps.db.select().from(preferenceRequests).where(eq(preferenceRequests.subscriberId, subscriberId)),
  ]);
  // Each digest's listings, also for rows that keep them only in their content (mailedListingIds).
  const listingIds = await mailedListingIds(deps.db, ledger);
  // What counts as mailed: the fingerprints of every sent digest (see the ledger's `fingerprints`).
  const mailed = ledger
    .filter((d) => d.status === "sent")
    .flatMap((d) => (d.fingerprints ?? []).map((fingerprint) => ({ fingerprint, deliveryId: d.id, mailedAt: d.sentAt })));
  return {
    exportedAt: deps.clock.now().toISOString(),
    subscription: found.subscriber,
    preferences: found.preferences,
    // Choices sent through the subscribe form and not applied (their mailed link was not followed).
    choicesAwaitingConfirmation: requests.map((r) => ({ preferences: r.preferences, requestedAt: r.createdAt })),
    deliveries: ledger.map(({ claimedBy: _c, claimExpiresAt: _e, ...row }) => ({ ...row, listingIds: listingIds.get(row.id) ?? null })),
    mailedListings: mailed,
    suppression: suppression[0] ? { reason: suppression[0].reason, since: suppression[0].createdAt } : null,
  };
}

/**
 * Deletes everything stored about a subscriber in one atomic batch: the delivery history
 * (`deliveries`, their contents, and batch records and listing snapshots no one else's digest uses),
 * preferences and the subscriber row. A suppression entry
 * is kept: it holds only a hash of the address, so a bounced or complaining address is never
 * mailed again. Idempotent in effect: deleting again finds nothing (NOT_FOUND).
 */
export async function deleteSubscriberData(deps: Pick<Deps, "db" | "log">, subscriberId: string): Promise<void> {
  const found = await findSubscriber(deps.db, { id: subscriberId });
  if (!found) throw notFound();
  const theirKeys = deps.db.select({ key: deliveries.idempotencyKey }).from(deliveries).where(eq(deliveries.subscriberId, subscriberId));
  const snapshots = await snapshotsOf(deps.db, theirKeys);
  await deps.db.batch([
    // Explicit rather than trusting ON DELETE CASCADE: foreign keys are a per-connection setting.
    deps.db.delete(deliveryContents).where(inArray(deliveryContents.deliveryId, deps.db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.subscriberId, subscriberId)))),
    // A batch's listings name no one, but a batch of one digest is that person's matches: its record
    // goes with the last of its digests, and so does a listing snapshot no other batch refers to.
    deps.db.delete(deliveryBatches).where(
      and(
        inArray(deliveryBatches.idempotencyKey, theirKeys),
        notExists(deps.db.select({ one: sql`1` }).from(deliveries).where(and(eq(deliveries.idempotencyKey, deliveryBatches.idempotencyKey), ne(deliveries.subscriberId, subscriberId)))),
      ),
    ),
    deps.db.delete(deliveries).where(eq(deliveries.subscriberId, subscriberId)),
    deps.db.delete(preferenceRequests).where(eq(preferenceRequests.subscriberId, subscriberId)),
    deps.db.delete(preferences).where(eq(preferences.subscriberId, subscriberId)),
    deps.db.delete(subscribers).where(eq(subscribers.id, subscriberId)),
  ]);
  // After the batch records: a snapshot goes once none refers to it (a separate statement: Drizzle's
  // batch takes its own queries only; left behind, it would name no one and be deleted next time).
  await releaseSnapshots(deps.db, snapshots);
  deps.log.info("subscriber.data_deleted", { subscriberId });
}
