import { and, eq, inArray, isNotNull, max, ne, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { deliveries, listings, mailedFingerprints, suppressions } from "../../db/schema";
import { toCandidate } from "./candidate";
import { CandidatePool } from "./pool";

/** Open, backend, unflagged, remote listings: everything a digest may ever contain, indexed once per run. */
export async function loadPool(db: Db): Promise<CandidatePool> {
  const rows = await db
    .select()
    .from(listings)
    .where(and(eq(listings.status, "open"), eq(listings.isBackend, true), ne(listings.remoteScope, "onsite"), sql`json_array_length(${listings.scamSignals}) = 0`));
  return new CandidatePool(rows.map(toCandidate));
}

/** Hashes of every suppressed address (bounces, complaints), loaded once per run. */
export async function loadSuppressed(db: Db): Promise<Set<string>> {
  return new Set((await db.select({ h: suppressions.emailHash }).from(suppressions)).map((r) => r.h));
}

/** For a page of subscribers: when their previous digest was composed, and every fingerprint ever mailed to them. */
export async function loadHistory(db: Db, subscriberIds: string[]) {
  const previous = new Map<string, Date>();
  const mailed = new Map<string, Set<string>>();
  if (subscriberIds.length === 0) return { previous, mailed };
  const [prev, fps] = await Promise.all([
    db
      .select({ id: deliveries.subscriberId, at: max(deliveries.composedAt) })
      .from(deliveries)
      .where(and(inArray(deliveries.subscriberId, subscriberIds), eq(deliveries.kind, "digest"), eq(deliveries.status, "sent"), isNotNull(deliveries.composedAt)))
      .groupBy(deliveries.subscriberId),
    db.select({ id: mailedFingerprints.subscriberId, fp: mailedFingerprints.fingerprint }).from(mailedFingerprints).where(inArray(mailedFingerprints.subscriberId, subscriberIds)),
  ]);
  for (const p of prev) if (p.at) previous.set(p.id, p.at);
  for (const f of fps) {
    let set = mailed.get(f.id);
    if (!set) mailed.set(f.id, (set = new Set()));
    set.add(f.fp);
  }
  return { previous, mailed };
}
