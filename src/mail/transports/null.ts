import { yieldToEventLoop as turn } from "../../digest/event-loop";
import type { Mailer } from "../mailer";

export interface NullMailer extends Mailer {
  /** Provider calls so far (a batch counts once) and messages handed over. */
  readonly calls: number;
  readonly messages: number;
}

/**
 * A transport that accepts everything and sends nothing: for benchmarks and dry runs. Ids are
 * derived from the idempotency key, so a retried call with the same key gets the same ids, as a
 * provider replaying its first answer would give. Each call lets the event loop turn once, as a
 * real transport's I/O does: the libSQL client frees statement memory only between macrotasks
 * (see digest/event-loop.ts), so a send loop that never waits on I/O would grow without bound.
 */
export function createNullMailer(): NullMailer {
  let calls = 0;
  let messages = 0;
  return {
    name: "null",
    get calls() {
      return calls;
    },
    get messages() {
      return messages;
    },
    async send(_email, { idempotencyKey }) {
      await turn();
      calls++;
      messages++;
      return { id: `null:${idempotencyKey}:0` };
    },
    async sendBatch(emails, { idempotencyKey }) {
      await turn();
      calls++;
      messages += emails.length;
      return { ids: emails.map((_e, i) => `null:${idempotencyKey}:${i}`) };
    },
  };
}
