import { and, desc, eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { loadBatchListings } from "./ledger";
import { decodePositions } from "./positions-text";
import { unpackMatched } from "./stored-batch";
import { deliveries, deliveryContents, listings, type DeliveryRow, type ListingRow } from "../../db/schema";

/**
 * The subscriber's latest sent digest with every listing that matched it (not only the ones that
 * fit in the email), in ranked order, as they are now (a listing may have closed since).
 */
export async function latestDigest(db: Db, subscriberId: string): Promise<{ delivery: DeliveryRow; listings: ListingRow[] } | null> {
  const [delivery] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(deliveries.kind, "digest"), eq(deliveries.status, "sent")))
    .orderBy(desc(deliveries.composedAt))
    .limit(1);
  if (!delivery) return null;
  const [contents] = await db
    .select({ matched: deliveryContents.matchedListingIds, positions: deliveryContents.matchedPositions })
    .from(deliveryContents)
    .where(eq(deliveryContents.deliveryId, delivery.id));
  const positions = contents?.positions ? readPositions(contents.positions) : null;
  const batch = positions && delivery.idempotencyKey ? (await loadBatchListings(db, [delivery.idempotencyKey], positions)).get(delivery.idempotencyKey) : undefined;
  const ids: string[] = contents?.matched ?? (batch && positions ? unpackMatched(positions, batch) : null) ?? delivery.listingIds ?? [];
  const rows: ListingRow[] = [];
  for (let i = 0; i < ids.length; i += 500) rows.push(...(await db.select().from(listings).where(inArray(listings.id, ids.slice(i, i + 500)))));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { delivery, listings: ids.map((id) => byId.get(id)).filter((r): r is ListingRow => r !== undefined) };
}

/** A row's matched positions, or null when they cannot be read (a damaged row: the page then shows what the row itself names). */
function readPositions(stored: string | number[]): number[] | null {
  try {
    return decodePositions(stored);
  } catch {
    return null;
  }
}
