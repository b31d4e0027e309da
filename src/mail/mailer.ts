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

/** A mail transport, idempotent per key: Resend replays its answer for 24 hours, the outbox writes a key once. */
export interface Mailer {
  readonly name: "resend" | "outbox" | "null" | "memory";
  send(email: OutgoingEmail, opts: { idempotencyKey: string }): Promise<{ id: string }>;
  /** Up to 100 messages in one provider call. */
  sendBatch(emails: OutgoingEmail[], opts: { idempotencyKey: string }): Promise<BatchResult>;
}

/**
 * What one batch call did: the provider's id for each message, in the batch's order, or null for a
 * message it refused on its own (an address it will not take), with the reason under its index. One
 * such message must not cost the other 99 their email.
 */
export interface BatchResult {
  ids: (string | null)[];
  refused: { index: number; message: string }[];
}

/** `local`: our own side failed before anything left (the outbox folder unwritable, a full disk). */
export type MailErrorKind =
  | "rate_limited"
  | "server"
  | "network"
  | "validation"
  | "quota"
  | "auth"
  | "conflict"
  | "local";

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

  /** 429, 5xx, network errors and concurrent requests may pass later; validation, quota and auth never will. */
  get retryable(): boolean {
    return ["rate_limited", "server", "network", "conflict"].includes(this.kind);
  }
}

export const BATCH_LIMIT = 100;
