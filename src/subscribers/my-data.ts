import { eq, inArray } from "drizzle-orm";
import {
  confirmationSends,
  deliveries,
  deliveryContents,
  emptyWeekNotes,
  mailedFingerprints,
  preferenceRequests,
  preferences,
  subscribers,
  suppressions,
} from "../../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { readEmptyWeekNotes } from "./empty-week-notes-setting";
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
  const [ledger, suppression, requests, notes, confirmations, notesOn] = await Promise.all([
    deps.db.select().from(deliveries).where(eq(deliveries.subscriberId, subscriberId)).orderBy(deliveries.createdAt),
    deps.db
      .select()
      .from(suppressions)
      .where(inArray(suppressions.emailHash, await deps.suppressionKeys.hashes(found.subscriber.email))),
    deps.db.select().from(preferenceRequests).where(eq(preferenceRequests.subscriberId, subscriberId)),
    deps.db
      .select({
        period: emptyWeekNotes.period,
        status: emptyWeekNotes.status,
        createdAt: emptyWeekNotes.createdAt,
        sentAt: emptyWeekNotes.sentAt,
        providerMessageId: emptyWeekNotes.providerMessageId,
        error: emptyWeekNotes.error,
      })
      .from(emptyWeekNotes)
      .where(eq(emptyWeekNotes.subscriberId, subscriberId))
      .orderBy(emptyWeekNotes.period),
    deps.db
      .select({
        status: confirmationSends.status,
        createdAt: confirmationSends.createdAt,
        sentAt: confirmationSends.sentAt,
      })
      .from(confirmationSends)
      .where(eq(confirmationSends.subscriberId, subscriberId)),
    readEmptyWeekNotes(deps.db, subscriberId),
  ]);
  // What counts as mailed: the fingerprints of every sent digest (see the ledger's `fingerprints`).
  const mailed = ledger
    .filter((d) => d.status === "sent")
    .flatMap((d) =>
      (d.fingerprints ?? []).map((fingerprint) => ({ fingerprint, deliveryId: d.id, mailedAt: d.sentAt })),
    );
  return {
    exportedAt: deps.clock.now().toISOString(),
    subscription: found.subscriber,
    // With the "two empty weeks" note setting, which is not a filter (so not in Preferences).
    preferences: { ...found.preferences, emptyWeekNotes: notesOn },
    // Choices sent through the subscribe form and not applied (their mailed link was not followed).
    choicesAwaitingConfirmation: requests.map((r) => ({ preferences: r.preferences, requestedAt: r.createdAt })),
    deliveries: ledger.map(({ claimedBy: _c, claimExpiresAt: _e, ...row }) => row),
    mailedListings: mailed,
    // The "nothing matched for two weeks" notes mailed (or being mailed) to them.
    emptyWeekNotes: notes,
    // An imported subscriber's confirmation email: whether it went out.
    confirmationEmail: confirmations[0] ?? null,
    suppression: suppression[0] ? { reason: suppression[0].reason, since: suppression[0].createdAt } : null,
  };
}

/**
 * Deletes everything stored about a subscriber in one atomic batch: the delivery history
 * (`deliveries` and their stored messages, empty-week notes, an import's confirmation record),
 * what they were mailed, preferences and the subscriber row. A suppression entry
 * is kept: it holds only a hash of the address, so a bounced or complaining address is never
 * mailed again. Idempotent in effect: deleting again finds nothing (NOT_FOUND).
 */
export async function deleteSubscriberData(deps: Pick<Deps, "db" | "log">, subscriberId: string): Promise<void> {
  const found = await findSubscriber(deps.db, { id: subscriberId });
  if (!found) throw notFound();
  await deps.db.batch([
    // Explicit rather than trusting ON DELETE CASCADE: foreign keys are a per-connection setting.
    deps.db
      .delete(deliveryContents)
      .where(
        inArray(
          deliveryContents.deliveryId,
          deps.db.select({ id: deliveries.id }).from(deliveries).where(eq(deliveries.subscriberId, subscriberId)),
        ),
      ),
    deps.db.delete(mailedFingerprints).where(eq(mailedFingerprints.subscriberId, subscriberId)),
    deps.db.delete(emptyWeekNotes).where(eq(emptyWeekNotes.subscriberId, subscriberId)),
    deps.db.delete(confirmationSends).where(eq(confirmationSends.subscriberId, subscriberId)),
    deps.db.delete(deliveries).where(eq(deliveries.subscriberId, subscriberId)),
    deps.db.delete(preferenceRequests).where(eq(preferenceRequests.subscriberId, subscriberId)),
    deps.db.delete(preferences).where(eq(preferences.subscriberId, subscriberId)),
    deps.db.delete(subscribers).where(eq(subscribers.id, subscriberId)),
  ]);
  deps.log.info("subscriber.data_deleted", { subscriberId });
}
