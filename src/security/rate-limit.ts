import { sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sha256Hex } from "./tokens";

export interface RateLimitRule {
  /** What is being limited, e.g. "subscribe:ip". */
  name: string;
  limit: number;
  windowMs: number;
}

/** Per client: a person fixing a typo a few times is fine, a script is not. */
export const SUBSCRIBE_PER_CLIENT: RateLimitRule = { name: "subscribe:client", limit: 10, windowMs: 10 * 60_000 };
/** Per address: caps how often anyone can make us mail one inbox. */
export const SUBSCRIBE_PER_ADDRESS: RateLimitRule = { name: "subscribe:address", limit: 3, windowMs: 60 * 60_000 };

/**
 * Counts one hit in a fixed window, atomically in the database (one upsert), and says whether it
 * is within the limit. The subject (an IP, an address) is stored only as a hash.
 */
export async function hitRateLimit(
  db: Db,
  rule: RateLimitRule,
  subject: string,
  now: Date,
): Promise<{ allowed: boolean; retryAfterSec: number }> {
  const key = `${rule.name}:${await sha256Hex(subject)}`;
  const windowStart = Math.floor(now.getTime() / rule.windowMs) * rule.windowMs;
  const rows = await db.all<{ count: number }>(sql`
    INSERT INTO rate_limits (key, window_start, count) VALUES (${key}, ${windowStart}, 1)
    ON CONFLICT (key) DO UPDATE SET
      count = CASE WHEN rate_limits.window_start = excluded.window_start THEN rate_limits.count + 1 ELSE 1 END,
      window_start = excluded.window_start
    RETURNING count`);
  const count = rows[0]?.count ?? 1;
  return {
    allowed: count <= rule.limit,
    retryAfterSec: Math.max(1, Math.ceil((windowStart + rule.windowMs - now.getTime()) / 1000)),
  };
}
