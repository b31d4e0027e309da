import { and, desc, eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inJsonList } from "../../db/json-list";
import { deliveries, deliveryContents, listings, type DeliveryRow, type ListingRow } from "../../db/schema";

/**
 * The subscriber's latest sent digest with every listing that matched it (not only the ones that
 * fit in the email), in ranked order, as they are now (a listing may have closed since). The
 * daily retention keeps this digest's content however old it is; a digest without it shows the
 * listings of its email.
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
  const rows: ListingRow[] = [];
  for (let i = 0; i < ids.length; i += 500)
    rows.push(
      ...(await db
        .select()
        .from(listings)
        .where(inJsonList(listings.id, ids.slice(i, i + 500)))),
    );
  const byId = new Map(rows.map((r) => [r.id, r]));
  return { delivery, listings: ids.map((id) => byId.get(id)).filter((r): r is ListingRow => r !== undefined) };
}
