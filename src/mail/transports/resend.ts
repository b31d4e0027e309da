import { Resend } from "resend";
import { MailError, type Mailer, type MailErrorKind, type OutgoingEmail } from "../mailer";
import { createPacer, type Pacer } from "../pacer";
import { jsonArrayUtf8, utf8 } from "./utf8-body";

/**
 * The Resend transport: the real SDK, honouring RESEND_BASE_URL (or an explicit baseUrl, which
 * tests use to point it at the fake server). Errors are classified into MailError kinds. With
 * `ratePerSec` (SEND_RATE_PER_SEC), every request to Resend (batches, single emails, retries) is
 * spaced by one pacer, at the last moment before it goes on the wire.
 */
export function createResendMailer(apiKey: string, baseUrl?: string, ratePerSec?: number | Pacer): Mailer {
  // A Pacer given whole is shared beyond this process (createSharedPacer); a number paces this process alone.
  const pacer = typeof ratePerSec === "number" ? createPacer(ratePerSec) : (ratePerSec ?? null);
  const resend = new ProviderClient(apiKey, baseUrl ? { baseUrl } : undefined, pacer);
  return {
    name: "resend",
    async send(email, { idempotencyKey }) {
      const { data, error, headers } = await resend.emails.send(toResend(email), { idempotencyKey });
      if (error || !data) throw toMailError(error, headers);
      return { id: data.id };
    },
    async sendBatch(emails, { idempotencyKey }) {
      const { data, error, headers } = await resend.batch.send(emails.map(toResend), { idempotencyKey });
      if (error || !data) throw toMailError(error, headers);
      return { ids: data.data.map((d) => d.id) };
    },
  };
}

/** What a batch's body stands in as until fetchRequest swaps its bytes in (the JSON of this plus a number). */
const STAND_IN = "backend-weekly:encoded-body:";

/**
 * The SDK, with three changes where it serialises and sends a request:
 * - The JSON body goes to fetch as its UTF-8 bytes instead of a string. fetch would first make
 *   the string well-formed (in Node 20, a regular-expression scan of the whole body: ~16 ms for a
 *   batch of 100 digests, a third of the SDK's time) and then encode it; JSON.stringify never
 *   leaves a lone surrogate, so the scan can only return its input and the bytes are the same.
 * - A batch (an array) is encoded item by item, the same bytes as its JSON.stringify (see
 *   jsonArrayUtf8): the SDK still builds the request, headers and all, around a stand-in body
 *   that fetchRequest swaps for those bytes.
 * - The pacer waits here, after the body is encoded: a request leaves on its slot, not after a
 *   variable stretch of serialisation (which let two requests land closer than the limit).
 */
class ProviderClient extends Resend {
  constructor(
    key: string,
    options: ConstructorParameters<typeof Resend>[1],
    private readonly pace: Pacer | null,
  ) {
    super(key, options);
  }

  private first = true;
  /** Encoded batch bodies by the JSON of their stand-in, from post until fetchRequest takes them. */
  private readonly encoded = new Map<string, Uint8Array<ArrayBuffer>>();
  private standIns = 0;

  override post<T>(path: string, entity?: unknown, options?: Parameters<Resend["post"]>[2]) {
    if (!Array.isArray(entity)) return super.post<T>(path, entity, options);
    const standIn = `${STAND_IN}${this.standIns++}`;
    const key = JSON.stringify(standIn);
    this.encoded.set(key, jsonArrayUtf8(entity));
    return super.post<T>(path, standIn, options).finally(() => this.encoded.delete(key));
  }

  override async fetchRequest<T>(path: string, options: RequestInit = {}) {
    let body = options.body;
    if (typeof body === "string") {
      const batch = this.encoded.get(body);
      this.encoded.delete(body);
      // An SDK that stopped passing the body through unchanged must fail loudly, never send the stand-in.
      if (!batch && body.startsWith(`"${STAND_IN}`)) throw new Error("Resend transport: the SDK no longer passes a batch body through as expected");
      body = batch ?? utf8(body);
    }
    const request = { ...options, body };
    if (!this.pace) return super.fetchRequest<T>(path, request);
    const first = this.first;
    this.first = false;
    return this.pace.run(() => super.fetchRequest<T>(path, request), first);
  }
}

function toResend(email: OutgoingEmail) {
  return {
    from: email.from,
    to: email.to,
    subject: email.subject,
    html: email.html,
    text: email.text,
    ...(email.headers ? { headers: email.headers } : {}),
    ...(email.tags ? { tags: email.tags } : {}),
  };
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
