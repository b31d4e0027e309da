import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inJsonList } from "../../db/json-list";
import { deliveries, deliveryContents, listings, type DeliveryRow, type ListingRow } from "../../db/schema";

/**
 * The subscriber's latest sent digest with every listing that matched it, ranked, as they are now
 * (one may have closed since). Retention keeps its content; without it, the email's listings.
 */
export async function latestDigest(
  db: Db,
  subscriberId: string,
): Promise<{ delivery: DeliveryRow; listings: ListingRow[] } | null> {
  const [delivery] = await db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.subscriberId, subscriberId), eq(deliveries.kind, "digest"), eq(deliveries.status, "sent")))
    .orderBy(desc(deliveries.composedAt))
    .limit(1);
  if (!delivery) return null;
  const [contents] = await db
    .select({ matched: deliveryContents.matchedListingIds })
    .from(deliveryContents)
    .where(eq(deliveryContents.deliveryId, delivery.id));
  const ids: string[] = contents?.matched ?? delivery.listingIds ?? [];
  const rows = await db.select().from(listings).where(inJsonList(listings.id, ids));
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { delivery, listings: ids.map((id) => byId.get(id)).filter((r): r is ListingRow => r !== undefined) };
}
