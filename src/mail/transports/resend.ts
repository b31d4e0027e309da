import { type ErrorResponse, Resend } from "resend";
import { type BatchResult, MailError, type Mailer, type MailErrorKind } from "../mailer";
import { pacedMailer, type Pacer } from "../pacer";

/** Long enough for a batch of 100 digests on a slow link; 5 attempts stay inside a run's claim (CLAIM_MS). */
const REQUEST_TIMEOUT_MS = 30_000;

/**
 * The Resend SDK as documented (`emails.send`, `batch.send`, each with its idempotency key), errors
 * classified into MailError kinds. `baseUrl` points it at the fake server in tests. With a pacer
 * (SEND_RATE_PER_SEC, shared by every process) every call waits for its slot.
 */
export function createResendMailer(
  apiKey: string,
  baseUrl?: string,
  pacer?: Pacer,
  { requestTimeoutMs = REQUEST_TIMEOUT_MS } = {},
): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  // The SDK's documented `signal`: a request the provider never answers becomes a network error
  // the retry rules know, instead of holding the run (and its claim on the batch) for minutes.
  const options = (idempotencyKey: string) => ({ idempotencyKey, signal: AbortSignal.timeout(requestTimeoutMs) });
  // The SDK reports a timeout as "Unable to fetch data. The request could not be resolved.", as
  // it does a refused connection: the run's log should say the provider did not answer in time.
  const failure = (error: ErrorResponse | null, headers: Record<string, string> | null, signal: AbortSignal) =>
    signal.aborted
      ? new MailError("network", `Resend: no answer within ${requestTimeoutMs} ms (timed out)`)
      : toMailError(error, headers);
  const mailer: Mailer = {
    name: "resend",
    async send(email, { idempotencyKey }) {
      const opts = options(idempotencyKey);
      const { data, error, headers } = await resend.emails.send(email, opts);
      if (error || !data) throw failure(error, headers, opts.signal);
      return { id: data.id };
    },
    async sendBatch(emails, { idempotencyKey }) {
      const opts = options(idempotencyKey);
      // Permissive: a message Resend will not take (an address it refuses) comes back in `errors`
      // while the rest go out; strict mode would refuse the whole batch, every week, for one address.
      const { data, error, headers } = await resend.batch.send(emails, { ...opts, batchValidation: "permissive" });
      if (error || !data) throw failure(error, headers, opts.signal);
      return batchResult(emails.length, data.data, data.errors);
    },
  };
  return pacer ? pacedMailer(mailer, pacer) : mailer;
}

/**
 * Lines the answer up with the batch: `data` lists the created messages in request order, `errors`
 * the refused ones by index. An answer that does not account for every message may still have
 * sent: a network error, so only an identical replay follows.
 */
function batchResult(size: number, created: unknown, refused: unknown): BatchResult {
  const unaccounted = () => new MailError("network", "Resend: a 200 answer that does not list every message's id");
  // By index, once each: an index listed twice is one refused message.
  const reasons = new Map<number, string>();
  for (const e of Array.isArray(refused) ? (refused as unknown[]) : []) {
    const { index, message } = (e ?? {}) as { index?: unknown; message?: unknown };
    if (typeof index !== "number" || !Number.isInteger(index) || index < 0 || index >= size) throw unaccounted();
    reasons.set(index, String(message ?? "refused"));
  }
  if (!Array.isArray(created) || created.length + reasons.size !== size) throw unaccounted();
  const ids = (created as { id: string }[]).map((d) => d.id);
  let next = 0;
  return {
    ids: Array.from({ length: size }, (_, i) => (reasons.has(i) ? null : ids[next++]!)),
    refused: [...reasons].map(([index, message]) => ({ index, message })),
  };
}

function toMailError(error: ErrorResponse | null, headers: Record<string, string> | null): MailError {
  const name = error?.name ?? "application_error";
  const status = error?.statusCode ?? null;
  const message = `Resend: ${error?.message ?? "no data in the response"} (${name}${status ? `, ${status}` : ""})`;
  const retryAfter = Number(headers?.["retry-after"]);
  const retryAfterMs = Number.isFinite(retryAfter) && retryAfter >= 0 ? retryAfter * 1000 : undefined;
  return new MailError(classify(name, status), message, retryAfterMs);
}

function classify(name: string, status: number | null): MailErrorKind {
  if (name === "daily_quota_exceeded" || name === "monthly_quota_exceeded") return "quota";
  if (status === 429 || name === "rate_limit_exceeded") return "rate_limited";
  if (name === "concurrent_idempotent_requests") return "conflict";
  if (status === 401 || status === 403 || name === "missing_api_key" || name === "invalid_api_key") return "auth";
  // The SDK reports a dropped connection as application_error with no status code.
  if (status === null) return "network";
  if (status >= 500) return "server";
  return "validation";
}
