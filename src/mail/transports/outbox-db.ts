import { desc, eq } from "drizzle-orm";
import type { Db } from "../../../db/client";
import { outboxMessages } from "../../../db/schema/outbox";
import type { Clock } from "../../clock";
import type { Mailer, OutgoingEmail } from "../mailer";
import type { OutboxMessage, OutboxStore } from "../outbox-store";

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
  const write = async (emails: OutgoingEmail[], key: string): Promise<string[]> => {
    const base = await keyDigest(key);
    const createdAt = clock.now();
    const rows = emails.map((email, i) => ({
      id: `${base}-${i}`,
      idempotencyKey: emails.length > 1 ? `${key}#${i}` : key,
      to: email.to,
      from: email.from,
      subject: email.subject,
      html: email.html,
      text: email.text,
      headers: email.headers ?? {},
      tags: email.tags ?? [],
      createdAt,
    }));
    for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
      await db
        .insert(outboxMessages)
        .values(rows.slice(i, i + ROWS_PER_INSERT))
        .onConflictDoNothing();
    }
    return rows.map((r) => r.id);
  };

  return {
    name: "outbox",
    async send(email, { idempotencyKey }) {
      const [id] = await write([email], idempotencyKey);
      return { id: id! };
    },
    async sendBatch(emails, { idempotencyKey }) {
      return { ids: await write(emails, idempotencyKey) };
    },
    async list() {
      const rows = await db
        .select()
        .from(outboxMessages)
        .orderBy(desc(outboxMessages.createdAt), desc(outboxMessages.id))
        .limit(LIST_LIMIT);
      return rows.map(toMessage);
    },
    async get(id) {
      if (!/^[a-f0-9]{24}-\d+$/.test(id)) return null;
      const [row] = await db.select().from(outboxMessages).where(eq(outboxMessages.id, id));
      return row ? toMessage(row) : null;
    },
  };
}

/** The first 12 bytes of SHA-256(key), hex: the same message name the file outbox uses. */
async function keyDigest(key: string): Promise<string> {
  const digest = new Uint8Array(await crypto.subtle.digest("SHA-256", new TextEncoder().encode(key)));
  return Array.from(digest.subarray(0, 12), (b) => b.toString(16).padStart(2, "0")).join("");
}

function toMessage(row: typeof outboxMessages.$inferSelect): OutboxMessage {
  return { ...row, createdAt: row.createdAt.toISOString() };
}
