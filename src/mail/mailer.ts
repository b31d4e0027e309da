/** One message as we hand it to a transport. Header values are already CR/LF-free (see headers.ts). */
export interface OutgoingEmail {
  to: string;
  from: string;
  subject: string;
  html: string;
  text: string;
  headers?: Record<string, string>;
  tags?: { name: string; value: string }[];
}

/**
 * A mail transport. Both calls are idempotent per key: the same key with the same messages never
 * sends twice (Resend replays its answer for 24 hours; the outbox refuses to write a key twice).
 */
export interface Mailer {
  readonly name: "resend" | "outbox" | "null" | "memory";
  send(email: OutgoingEmail, opts: { idempotencyKey: string }): Promise<{ id: string }>;
  /** Up to 100 messages in one provider call; ids come back in the same order. */
  sendBatch(emails: OutgoingEmail[], opts: { idempotencyKey: string }): Promise<{ ids: string[] }>;
}

export type MailErrorKind = "rate_limited" | "server" | "network" | "validation" | "quota" | "auth" | "conflict";

/** A failed hand-off, classified so the caller knows whether a retry can help. */
export class MailError extends Error {
  override name = "MailError";
  constructor(
    readonly kind: MailErrorKind,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }

  /** Rate limits, 5xx and network errors may succeed later; validation, quota and auth never will. */
  get retryable(): boolean {
    return (
      this.kind === "rate_limited" || this.kind === "server" || this.kind === "network" || this.kind === "conflict"
    );
  }
}

export const BATCH_LIMIT = 100;
