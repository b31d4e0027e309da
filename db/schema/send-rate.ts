import { integer, sqliteTable, text } from "drizzle-orm/sqlite-core";

/**
 * One row per provider account: the earliest moment (epoch ms) the next request may start. Every
 * process sending through the account reserves its slot here with one conditional UPDATE, so two
 * servers and the CLI together stay within SEND_RATE_PER_SEC (src/mail/pacer.ts).
 */
export const sendRateBuckets = sqliteTable("send_rate_buckets", {
  name: text("name").primaryKey(),
  nextAt: integer("next_at").notNull(),
});
