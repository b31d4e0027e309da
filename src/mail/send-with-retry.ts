import { MailError, type Mailer, type OutgoingEmail } from "./mailer";

export const defaultRetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
export type RetryPolicy = typeof defaultRetryPolicy;

/**
 * What a caller learns when every attempt failed: the last error (its kind decides what comes
 * next) and whether any attempt may have been accepted. Only a definite answer from the provider
 * (a 5xx, a 429, or a refusal such as quota or validation) proves an attempt sent nothing: Resend
 * ties a key to emails it actually sent. A dropped connection, a timeout or a concurrent request
 * under the same key may have gone through, so such a batch may only be replayed identically.
 */
export class AttemptsFailed extends MailError {
  constructor(
    last: MailError,
    readonly maybeAccepted: boolean,
  ) {
    super(last.kind, last.message, last.retryAfterMs);
  }
}

/** Called before waiting out a retry's delay, e.g. to extend a claim over the wait and the next attempt. */
type BeforeRetry = (delayMs: number) => Promise<void>;

/**
 * Hands a batch to the mailer, retrying what can succeed later: 429 after its retry-after, 5xx
 * and network errors with exponential backoff and jitter; validation, quota and auth errors are
 * thrown at once. Every attempt carries the same key and the same messages, so the provider
 * replays its first answer instead of sending twice. Throws AttemptsFailed.
 */
export async function sendBatchWithRetry(
  mailer: Mailer,
  emails: OutgoingEmail[],
  idempotencyKey: string,
  policy: RetryPolicy,
  beforeRetry?: BeforeRetry,
) {
  return withRetry(() => mailer.sendBatch(emails, { idempotencyKey }), policy, beforeRetry);
}

/** Sends one message with the same retry rules. */
export async function sendWithRetry(mailer: Mailer, email: OutgoingEmail, idempotencyKey: string, policy: RetryPolicy) {
  return withRetry(() => mailer.send(email, { idempotencyKey }), policy);
}

async function withRetry<T>(call: () => Promise<T>, policy: RetryPolicy, beforeRetry?: BeforeRetry): Promise<T> {
  let maybeAccepted = false;
  for (let attempt = 1; ; attempt++) {
    try {
      return await call();
    } catch (err) {
      const mailError = toMailError(err);
      maybeAccepted ||= mailError.kind === "network" || mailError.kind === "conflict";
      if (!mailError.retryable || attempt >= policy.maxAttempts) throw new AttemptsFailed(mailError, maybeAccepted);
      const delay = retryDelay(mailError, attempt, policy);
      await beforeRetry?.(delay);
      await policy.sleep(delay);
    }
  }
}

/**
 * A transport's own error as a MailError. A Node system error (`code` such as EACCES, ENOSPC,
 * EROFS: the outbox cannot write) is `local`, not retried (a folder does not become writable in
 * seconds) and sent nothing; anything else unexplained is counted a network error.
 */
function toMailError(err: unknown): MailError {
  if (err instanceof MailError) return err;
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === "string" && /^E[A-Z]{2,12}$/.test(code)) return new MailError("local", `local: ${code}`);
  return new MailError("network", String(err));
}

function retryDelay(err: MailError, attempt: number, policy: RetryPolicy): number {
  if (err.retryAfterMs !== undefined) return Math.min(err.retryAfterMs, policy.maxDelayMs * 4);
  const exponential = policy.baseDelayMs * 2 ** (attempt - 1);
  return Math.min(policy.maxDelayMs, exponential) * (0.5 + Math.random() / 2);
}
