import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { outboxMessages } from "../../../db/schema/outbox";
import type { Clock } from "../../clock";
import type { Mailer } from "../mailer";
import { isOutboxId, outboxMailer, type OutboxMessage, type OutboxStore } from "../outbox-store";

/** D1 binds at most 100 parameters per statement; a row takes 10. */
const ROWS_PER_INSERT = 9;
/** /dev/outbox is a development aid: the newest messages are enough. */
const LIST_LIMIT = 200;

/**
 * The outbox transport over the database (the outbox_messages table), for runtimes without a file
 * system (Workers, no RESEND_API_KEY, never in production). Ids derive from the idempotency key and
 * inserts ignore an existing id: a retried batch or a redelivered queue message writes each
 * message once, as the provider's idempotency would have sent it once.
 */
export function createDatabaseOutbox(db: Db, clock: Clock): Mailer & OutboxStore {
  const mailer = outboxMailer(clock, async (messages) => {
    const rows = messages.map((m) => ({ ...m, createdAt: new Date(m.createdAt) }));
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await db
        .insert(outboxMessages)
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoNothing();
    }
  });
  return {
    ...mailer,
    async list() {
      const rows = await db
        .select()
        .from(outboxMessages)
        .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
        .limit(LIST_LIMIT);
      return rows.map(toMessage);
    },
    async get(id) {
      if (!isOutboxId(id)) return null;
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return row ? toMessage(row) : null;
    },
  };
}

function toMessage(row: typeof outboxMessages.$inferSelect): OutboxMessage {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
