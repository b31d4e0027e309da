import { Resend } from "resend";
import { MailError, type Mailer, type MailErrorKind } from "../mailer";
import { pacedMailer, type Pacer } from "../pacer";

/**
 * The Resend SDK as documented (`emails.send`, `batch.send`, each with its idempotency key), errors
 * classified into MailError kinds. `baseUrl` points it at the fake server in tests. With a pacer
 * (SEND_RATE_PER_SEC, shared by every process) every call waits for its slot.
 */
export function createResendMailer(apiKey: string, baseUrl?: string, pacer?: Pacer): Mailer {
  const resend = new Resend(apiKey, baseUrl ? { baseUrl } : undefined);
  const mailer: Mailer = {
    name: "resend",
    async send(email, { idempotencyKey }) {
      const { data, error, headers } = await resend.emails.send(email, { idempotencyKey });
      if (error || !data) throw toMailError(error, headers);
      return { id: data.id };
    },
    async sendBatch(emails, { idempotencyKey }) {
      const { data, error, headers } = await resend.batch.send(emails, { idempotencyKey });
      if (error || !data) throw toMailError(error, headers);
      return { ids: data.data.map((d) => d.id) };
    },
  };
  return pacer ? pacedMailer(mailer, pacer) : mailer;
}

interface ResendErrorLike {
  name?: string;
  message?: string;
  statusCode?: number | null;
}

function toMailError(error: ResendErrorLike | null, headers: Record<string, string> | null): MailError {
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
