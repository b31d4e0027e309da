import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * Fixed-window counters for rate limits. Kept in the database (not in memory) so the limit holds
 * across processes and across Worker isolates. Keys are hashes, never raw addresses or IPs.
 */
export const rateLimits = sqliteTable("rate_limits", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start").notNull(),
  count: integer("count").notNull(),
});
