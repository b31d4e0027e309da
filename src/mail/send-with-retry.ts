import { MailError, type Mailer, type OutgoingEmail } from "./mailer";

export interface RetryPolicy {
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  sleep: (ms: number) => Promise<void>;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Hands a batch to the mailer, retrying what can succeed later: 429 after its retry-after, 5xx
 * and network errors with exponential backoff and jitter; validation, quota and auth errors are
 * thrown at once. Every attempt carries the same key and the same messages, so the provider
 * replays its first answer instead of sending twice.
 */
export async function sendBatchWithRetry(
  mailer: Mailer,
  emails: OutgoingEmail[],
  idempotencyKey: string,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<{ ids: string[]; attempts: number }> {
  return withRetry(() => mailer.sendBatch(emails, { idempotencyKey }), policy);
}

/** Sends one message with the same retry rules. */
export async function sendWithRetry(
  mailer: Mailer,
  email: OutgoingEmail,
  idempotencyKey: string,
  policy: RetryPolicy = defaultRetryPolicy,
): Promise<{ id: string }> {
  return withRetry(() => mailer.send(email, { idempotencyKey }), policy);
}

async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy): Promise<T & { attempts: number }> {
  for (let attempt = 1; ; attempt++) {
    try {
      return { ...(await call()), attempts: attempt };
    } catch (err) {
      const mailError = err instanceof MailError ? err : new MailError("network", String(err));
      if (!mailError.retryable || attempt >= policy.maxAttempts) throw mailError;
      await policy.sleep(retryDelay(mailError, attempt, policy));
    }
  }
}

function retryDelay(err: MailError, attempt: number, policy: RetryPolicy): number {
  if (err.retryAfterMs !== undefined) return Math.min(err.retryAfterMs, policy.maxDelayMs * 4);
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, exponential) * (0.5 + Math.random() / 2);
}
