import { yieldToEventLoop } from "../../../db/event-loop";
import type { Mailer } from "../mailer";

/** Provider calls so far (a batch counts once) and messages handed over. */
export type NullMailer = Mailer & { calls: number; messages: number };

/**
 * A transport that accepts everything and sends nothing: for benchmarks and dry runs. Ids derive
 * from the key, as a provider replaying its first answer would give. Each call lets the event loop
 * turn, as real I/O does: libSQL frees statement memory only between macrotasks (db/event-loop.ts).
 */
export function createNullMailer(): NullMailer {
  const mailer: NullMailer = {
    name: "null",
    calls: 0,
    messages: 0,
    async send(email, { idempotencyKey }) {
      const { ids } = await mailer.sendBatch([email], { idempotencyKey });
      return { id: ids[0]! };
    },
    async sendBatch(emails, { idempotencyKey }) {
      await yieldToEventLoop();
      mailer.calls++;
      mailer.messages += emails.length;
      return { ids: emails.map((_e, i) => `null:${idempotencyKey}:${i}`), refused: [] };
    },
  };
  return mailer;
}
