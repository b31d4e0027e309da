/**
 * Resend's error answers: `{ statusCode, name, message }` with the HTTP status equal to
 * `statusCode`. Names and default messages follow resend.com/docs/api-reference/errors;
 * the field-level messages follow what the live API is reported to answer.
 */

export type ResendErrorName =
  | "validation_error"
  | "missing_required_field"
  | "invalid_attachment"
  | "invalid_idempotency_key"
  | "invalid_idempotent_request"
  | "concurrent_idempotent_requests"
  | "missing_api_key"
  | "invalid_api_key"
  | "not_found"
  | "method_not_allowed"
  | "rate_limit_exceeded"
  | "daily_quota_exceeded"
  | "internal_server_error";

export interface ResendErrorBody {
  statusCode: number;
  name: ResendErrorName;
  message: string;
}

export function resendError(statusCode: number, name: ResendErrorName, message: string): ResendErrorBody {
  return { statusCode, name, message };
}

/** A field problem in one email: 422 with the name Resend uses for it. */
export function fieldError(
  name: "validation_error" | "missing_required_field" | "invalid_attachment",
  message: string,
) {
  return resendError(422, name, message);
}

export const errors = {
  missingApiKey: () =>
    resendError(
      401,
      "missing_api_key",
      "Missing API key in the authorization header. Include the following header in the request: Authorization: Bearer YOUR_API_KEY.",
    ),
  invalidApiKey: () => resendError(403, "invalid_api_key", "API key is invalid."),
  notFound: () => resendError(404, "not_found", "The requested endpoint does not exist."),
  methodNotAllowed: () => resendError(405, "method_not_allowed", "Method is not allowed for the requested path."),
  invalidIdempotencyKey: () => resendError(400, "invalid_idempotency_key", "The key must be between 1-256 chars."),
  invalidIdempotentRequest: () =>
    resendError(409, "invalid_idempotent_request", "Same idempotency key used with a different request payload."),
  concurrentIdempotentRequests: () =>
    resendError(
      409,
      "concurrent_idempotent_requests",
      "Same idempotency key used while original request is still in progress.",
    ),
  rateLimitExceeded: (perSecond: number) =>
    resendError(
      429,
      "rate_limit_exceeded",
      `Too many requests. You can only make ${perSecond} requests per second. See rate limit response headers for more information.`,
    ),
  dailyQuotaExceeded: () =>
    resendError(429, "daily_quota_exceeded", "You have reached your daily email sending quota."),
  internal: () => resendError(500, "internal_server_error", "An unexpected error occurred, please try again later."),
  invalidJson: (detail: string) =>
    resendError(400, "validation_error", `The request body is not valid JSON: ${detail}`),
  tooLarge: (maxBytes: number) =>
    resendError(
      413,
      "validation_error",
      `The request body is too large: the limit is ${Math.round(maxBytes / (1024 * 1024))} MB.`,
    ),
} as const;
