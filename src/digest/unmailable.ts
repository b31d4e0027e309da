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
  const stopped = await deps.db
    .select({ id: subscribers.id })
    .from(subscribers)
    .where(
      and(
        inJsonList(
          subscribers.id,
          rows.map((r) => r.subscriberId),
        ),
        or(ne(subscribers.status, "confirmed"), gt(subscribers.pausedUntil, now)),
      ),
    );
  const stoppedIds = new Set(stopped.map((s) => s.id));
  const suppressed = await suppressedEmails(
    deps.db,
    deps.suppressionKeys,
    rows.map((r) => r.email?.to ?? ""),
  );
  return new Set(
    rows.filter((r) => stoppedIds.has(r.subscriberId) || suppressed.has(r.email?.to ?? "")).map((r) => r.id),
  );
}
