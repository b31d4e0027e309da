import { and, gt, ne, or } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inJsonList } from "../../db/json-list";
import { subscribers } from "../../db/schema";
import type { SuppressionKeys } from "../subscribers/suppression-keys";
import { suppressedEmails } from "../subscribers/suppression";
import type { StuckDelivery } from "./ledger";

/**
 * The rows of a stuck batch whose subscriber must not get it any more: unsubscribed (one click,
 * or a hard bounce or complaint), paused, or an address suppressed since the batch was composed
 * (DESIGN.md §6). The same conditions insertSending checks as a batch goes in.
 */
export async function unmailableRows(
  deps: { db: Db; suppressionKeys: SuppressionKeys },
  rows: StuckDelivery[],
  now: Date,
): Promise<Set<string>> {
  const ids = rows.map((r) => r.subscriberId);
  const stopping = or(ne(subscribers.status, "confirmed"), gt(subscribers.pausedUntil, now));
  const stopped = await deps.db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(and(inJsonList(subscribers.id, ids), stopping));
  const stoppedIds = new Set(stopped.map((s) => s.id));
  const addresses = rows.map((r) => r.email?.to ?? "");
  const suppressed = await suppressedEmails(deps.db, deps.suppressionKeys, addresses);
  const unmailable = rows.filter((r, i) => stoppedIds.has(r.subscriberId) || suppressed.has(addresses[i]!));
  return new Set(unmailable.map((r) => r.id));
}
