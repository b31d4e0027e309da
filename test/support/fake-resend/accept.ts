/** Validation, quota and recording of the emails of one send request (single or batch). */
import { randomUUID } from "node:crypto";
import { errors, fieldError, type ResendErrorBody } from "./errors";
import type { FakeState, Outcome } from "./state";
import type { AcceptedEmail, RecordedRequest } from "./types";
import { MAX_BATCH, validateEmail, type ValidEmail } from "./validate";

export type BatchMode = "strict" | "permissive";

/** The request whose emails these are. */
export interface SendContext {
  request: RecordedRequest;
}

export function errorOutcome(error: ResendErrorBody): Outcome {
  return { kind: "answer", status: error.statusCode, body: error };
}

/** `POST /emails`: one email, answered `{ id }`. */
export function acceptSingle(state: FakeState, body: unknown, ctx: SendContext): Outcome {
  const result = validateEmail(body, false);
  if (!result.ok) return errorOutcome(result.error);
  const quotaError = checkQuota(state, [result.email]);
  if (quotaError) return errorOutcome(quotaError);
  const [id] = record(state, [{ email: result.email, batchIndex: null }], "/emails", ctx);
  return { kind: "answer", status: 200, body: { id } };
}

/**
 * `POST /emails/batch`: 1..100 emails, no attachments or scheduling. Strict mode rejects the
 * whole batch on the first invalid email; permissive mode accepts the valid ones and lists the
 * others in `errors` by their index in the request.
 */
export function acceptBatch(state: FakeState, body: unknown, mode: BatchMode, ctx: SendContext): Outcome {
  if (!Array.isArray(body)) {
    return errorOutcome(fieldError("validation_error", "The request body must be a JSON array of emails."));
  }
  if (body.length === 0) {
    return errorOutcome(fieldError("validation_error", "The batch must contain at least 1 email."));
  }
  if (body.length > MAX_BATCH) {
    return errorOutcome(
      fieldError(
        "validation_error",
        `Too many emails in the batch: the maximum is ${MAX_BATCH} per request, got ${body.length}.`,
      ),
    );
  }
  const valid: { email: ValidEmail; batchIndex: number }[] = [];
  const invalid: { index: number; message: string }[] = [];
  for (const [index, item] of body.entries()) {
    const result = validateEmail(item, true);
    if (result.ok) valid.push({ email: result.email, batchIndex: index });
    else if (mode === "strict")
      return errorOutcome({ ...result.error, message: `${result.error.message} (email at index ${index})` });
    else invalid.push({ index, message: result.error.message });
  }
  const quotaError = checkQuota(
    state,
    valid.map((v) => v.email),
  );
  if (quotaError) return errorOutcome(quotaError);
  const data = record(state, valid, "/emails/batch", ctx).map((id) => ({ id }));
  return { kind: "answer", status: 200, body: mode === "permissive" ? { data, errors: invalid } : { data } };
}

/** Resend counts every to, cc and bcc recipient against the quota. */
function recipients(emails: ValidEmail[]): number {
  return emails.reduce((sum, e) => sum + e.to.length + e.cc.length + e.bcc.length, 0);
}

function checkQuota(state: FakeState, emails: ValidEmail[]): ResendErrorBody | null {
  const quota = state.settings.dailyQuota;
  if (quota === undefined) return null;
  return state.quota.used(state.now()) + recipients(emails) > quota ? errors.dailyQuotaExceeded() : null;
}

function record(
  state: FakeState,
  emails: { email: ValidEmail; batchIndex: number | null }[],
  endpoint: AcceptedEmail["endpoint"],
  { request }: SendContext,
): string[] {
  const acceptedAt = state.now();
  state.quota.add(acceptedAt, recipients(emails.map((e) => e.email)));
  return emails.map(({ email, batchIndex }) => {
    const id = randomUUID();
    const { index: requestIndex, idempotencyKey } = request;
    const accepted: AcceptedEmail = { id, endpoint, requestIndex, batchIndex, idempotencyKey, acceptedAt, ...email };
    if (state.onAccepted) state.onAccepted(accepted);
    else state.accepted.push(accepted);
    request.acceptedIds.push(id);
    return id;
  });
}
