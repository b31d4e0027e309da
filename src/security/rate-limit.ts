import { sql } from "drizzle-orm";
import type { Context } from "hono";
import type { Db } from "../../db/client";
import type { Deps } from "../deps";
import { clientAddress, clientLimitKey } from "./client-address";
import { sha256Hex } from "./web-crypto";

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
/** Per client, the forms' live count: a request per pause in typing is fine, a script making far more is not. */
export const MATCH_COUNT_PER_CLIENT: RateLimitRule = { name: "match-count:client", limit: 300, windowMs: 10 * 60_000 };
/** Every rule, so the clean-up knows how long each kind of row stays useful. */
export const RATE_LIMIT_RULES: readonly RateLimitRule[] = [
  SUBSCRIBE_PER_CLIENT,
  SUBSCRIBE_PER_ADDRESS,
  MATCH_COUNT_PER_CLIENT,
];

/**
 * The person behind an address, for the per-address limit: `Victim+a@Example.com`,
 * `v.i.c.t.i.m@googlemail.com` and `victim@gmail.com` are one inbox. Lower-cased, `+tag` dropped,
 * and for Gmail the dots dropped and googlemail.com read as gmail.com. Only the limit uses this:
 * the stored address stays as entered.
 */
export function addressLimitKey(email: string): string {
  const lower = email.trim().toLowerCase();
  const at = lower.lastIndexOf("@");
  if (at < 1) return lower;
  let local = lower.slice(0, at);
  let domain = lower.slice(at + 1);
  const plus = local.indexOf("+");
  if (plus > 0) local = local.slice(0, plus);
  if (domain === "googlemail.com") domain = "gmail.com";
  if (domain === "gmail.com") local = local.replace(/\./g, "");
  return `${local}@${domain}`;
}

/** The per-client limit's key: the address TRUST_PROXY's header gives, else the socket's; IPv6 by /64. */
export function clientKeyOf(c: Context, deps: Pick<Deps, "config" | "clientIp">): string {
  const header = deps.config.trustProxy ? c.req.header(deps.config.trustProxy) : undefined;
  return clientLimitKey(clientAddress(header, deps.clientIp?.(c)));
}

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
