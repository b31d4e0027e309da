import type { Clock } from "../clock";
import { sha256Hex } from "../security/web-crypto";
import type { Mailer, OutgoingEmail } from "./mailer";

/**
 * The outbox (DESIGN.md §5), used when RESEND_API_KEY is unset: every message a provider would
 * have been asked to send, for /dev/outbox. Node keeps a JSON file per message
 * (src/node/outbox-mailer.ts), Workers the database; the core reads it through OutboxStore only.
 */
export interface OutboxMessage {
  id: string;
  to: string | string[];
  from: string;
  subject: string;
  html: string;
  text: string;
  headers: Record<string, string>;
  tags: { name: string; value: string }[];
  idempotencyKey: string;
  createdAt: string;
}

/** What /dev/outbox reads: the messages newest first, or one by id (null when there is none). */
export interface OutboxStore {
  list(): Promise<OutboxMessage[]>;
  get(id: string): Promise<OutboxMessage | null>;
}

/** An outbox message id: the first 24 hex digits of SHA-256(key), then the message's index. */
export const isOutboxId = (id: string) => /^[a-f0-9]{24}-\d+$/.test(id);

/**
 * The outbox as a Mailer, whatever stores it: each call's messages are named after its key (in a
 * batch of several, each message's own key is `<key>#<index>`, as a provider keeps them apart) and
 * handed to `store`, which must write a name at most once, so a retried or raced key writes nothing twice.
 */
export function outboxMailer(clock: Clock, store: (messages: OutboxMessage[]) => Promise<void>): Mailer {
  const write = async (emails: OutgoingEmail[], key: string): Promise<string[]> => {
    const base = (await sha256Hex(key)).slice(0, 24);
    const createdAt = clock.now().toISOString();
    const messages = emails.map((email, i) => ({
      ...email,
      id: `${base}-${i}`,
      headers: email.headers ?? {},
      tags: email.tags ?? [],
      idempotencyKey: emails.length > 1 ? `${key}#${i}` : key,
      createdAt,
    }));
    await store(messages);
    return messages.map((m) => m.id);
  };
  return {
    name: "outbox",
    send: async (email, { idempotencyKey }) => ({ id: (await write([email], idempotencyKey))[0]! }),
    sendBatch: async (emails, { idempotencyKey }) => ({ ids: await write(emails, idempotencyKey), refused: [] }),
  };
}
