import { and, eq, gt, gte, max } from "drizzle-orm";
import type { Db } from "../../db/client";
import { subscribers } from "../../db/schema";

/** An inclusive range of subscriber ids: one queue message's share of the weekly run. */
export interface IdSlice {
  fromId: string;
  toId: string;
}

/**
 * 500 subscribers a message: composing them costs well under a second of CPU and their digests a
 * few tens of MB at most, far inside a consumer's 30 s CPU and 128 MB (figures in bench/RESULTS.md);
 * at the default 2 requests a second their 5 batches take under 3 s of wall time.
 */
export const DEFAULT_SLICE_SIZE = 500;

/**
 * Cuts the confirmed subscribers, in id order, into ranges of `size`. Only the boundaries are
 * read (a LIMIT 1 OFFSET size-1 step per slice), never the whole id list. The ranges cover every
 * confirmed subscriber at this moment; the run decides who inside each one is due. Someone
 * confirmed later whose id falls inside a range is simply part of it.
 */
export async function subscriberSlices(db: Db, size = DEFAULT_SLICE_SIZE): Promise<IdSlice[]> {
  if (!Number.isInteger(size) || size < 1) throw new Error(`slice size must be a positive integer, got ${size}`);
  const confirmed = eq(subscribers.status, "confirmed");
  const [last] = await db
    .select({ id: max(subscribers.id) })
    .from(subscribers)
    .where(confirmed);
  const lastId = last?.id;
  if (!lastId) return [];
  const slices: IdSlice[] = [];
  let after: string | null = null;
  for (;;) {
    const [first]: { id: string }[] = await db
      .select({ id: subscribers.id })
      .from(subscribers)
      .where(after === null ? confirmed : and(confirmed, gt(subscribers.id, after)))
      .orderBy(subscribers.id)
      .limit(1);
    if (!first) return slices;
    const [end]: { id: string }[] = await db
      .select({ id: subscribers.id })
      .from(subscribers)
      .where(and(confirmed, gte(subscribers.id, first.id)))
      .orderBy(subscribers.id)
      .limit(1)
      .offset(size - 1);
    const toId: string = end?.id ?? lastId;
    slices.push({ fromId: first.id, toId });
    if (!end) return slices;
    after = toId;
  }
}
