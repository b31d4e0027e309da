/**
 * Domain errors carry a code; one exhaustive map turns codes into HTTP statuses and one onError
 * renders them (STYLE.md §6). Messages are written for the person who will read them.
 */
export const ERROR_STATUS = {
  VALIDATION_FAILED: 400,
  BAD_REQUEST: 400,
  SPAM_SUSPECTED: 400,
  UNAUTHORIZED: 401,
  CSRF_FAILED: 403,
  ORIGIN_NOT_ALLOWED: 403,
  INVALID_TOKEN: 400,
  WRONG_LINK: 400,
  NOT_FOUND: 404,
  METHOD_NOT_ALLOWED: 405,
  CONFLICT: 409,
  PAYLOAD_TOO_LARGE: 413,
  UNSUPPORTED_MEDIA_TYPE: 415,
  RATE_LIMITED: 429,
  SERVICE_UNAVAILABLE: 503,
  INTERNAL: 500,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class AppError extends Error {
  override name = "AppError";
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
  }

  get status(): (typeof ERROR_STATUS)[ErrorCode] {
    return ERROR_STATUS[this.code];
  }
}

/**
 * What went wrong, in one line an operator can act on. A failed database statement comes from
 * Drizzle as "Failed query: <SQL> params: <values>" with SQLite's reason only in `cause`, so a
 * read-only or locked database used to print an INSERT and its values (which may hold an
 * address) and never say "attempt to write a readonly database" or "database is locked".
 */
export function errorReason(err: unknown): string {
  if (!(err instanceof Error)) return String(err);
  if (err.message.startsWith("Failed query:") && err.cause !== undefined)
    return `database error: ${errorReason(err.cause)}`;
  return err.message;
}
