import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sourceClaims } from "../../db/schema";

/**
 * How long a claim holds without renewal: longer than a fetch's timeouts and retries (3 × 20 s plus
 * backoff) or the parse of a 20 MB document, short enough that after a killed ingest the source is
 * `busy` for at most this long. Renewed after the fetch and after every stored batch.
 */
export const SOURCE_CLAIM_MS = 2 * 60_000;

export interface SourceClaim {
  /** Extends the claim; throws if another ingest took it over meanwhile (ours had lapsed). */
  renew(): Promise<void>;
  release(): Promise<void>;
}

export class SourceClaimLost extends Error {
  override name = "SourceClaimLost";
}

/**
 * Takes the source for one ingest, or returns null when another ingest holds it (DESIGN.md §3:
 * two ingests of one source would otherwise store the same listings at once, and one failed on a
 * unique constraint). One conditional upsert: it inserts the claim, or takes over one that has
 * lapsed, atomically on every libSQL/D1 connection. Times are the wall clock (`wallNow`), never a
 * `--now`: a claim is about a live process.
 */
export async function claimSource(
  db: Db,
  source: string,
  wallNow: () => number = Date.now,
): Promise<SourceClaim | null> {
  const claimedBy = crypto.randomUUID();
  const now = wallNow();
  const taken = await db
    .insert(sourceClaims)
    .values({ source, claimedBy, expiresAt: now + SOURCE_CLAIM_MS })
    .onConflictDoUpdate({
      target: sourceClaims.source,
      set: { claimedBy, expiresAt: now + SOURCE_CLAIM_MS },
      setWhere: sql`${sourceClaims.expiresAt} <= ${now}`,
    })
    .returning({ claimedBy: sourceClaims.claimedBy });
  if (taken[0]?.claimedBy !== claimedBy) return null;
  const ours = and(eq(sourceClaims.source, source), eq(sourceClaims.claimedBy, claimedBy));
  return {
    async renew() {
      const renewed = await db
        .update(sourceClaims)
        .set({ expiresAt: wallNow() + SOURCE_CLAIM_MS })
        .where(ours)
        .returning({ source: sourceClaims.source });
      if (renewed.length === 0)
        throw new SourceClaimLost(
          `another ingest took over source ${source} (this one held it past ${SOURCE_CLAIM_MS / 60_000} minutes)`,
        );
    },
    async release() {
      await db.delete(sourceClaims).where(ours);
    },
  };
}
