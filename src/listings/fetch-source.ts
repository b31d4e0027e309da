import { fetchFollowingSafely, FetchError, readBodyWithin, type SafeFetchOptions } from "./safe-fetch";

export { FetchError } from "./safe-fetch";

/** Politeness and safety settings for fetching a source (DESIGN.md §3 and §6). */
export interface FetchPolicy {
  userAgent: string;
  timeoutMs: number;
  attempts: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  fetch: typeof fetch;
  /** Largest body accepted, counted after decompression; default 20 MB. */
  maxBodyBytes?: number;
  /** Redirects followed (each re-checked); default 5. */
  maxRedirects?: number;
  /** SOURCES_ALLOW_PRIVATE: a configured URL may point at a private address (redirects stay on its origin). */
  allowPrivate?: boolean;
  /** A host name's addresses, so a name pointing inside is refused too (Node: src/node/resolve-host.ts). */
  resolveHost?: (hostname: string) => Promise<string[]>;
}

export type FetchResult =
  | { status: "ok"; body: string; etag: string | null; lastModified: string | null }
  | { status: "not_modified" };

const MAX_BODY_BYTES = 20 * 1024 * 1024;
const MAX_REDIRECTS = 5;

/**
 * GETs a source URL with a timeout, an honest User-Agent, conditional headers from the previous
 * success, and retries with exponential backoff on network errors, 429 (honouring Retry-After)
 * and 5xx. Other 4xx fail at once, as do the safety refusals (safe-fetch.ts: private addresses,
 * redirect loops, bodies over the limit). Never throws anything but FetchError.
 */
export async function fetchSource(
  url: string,
  previous: { etag: string | null; lastModified: string | null },
  policy: FetchPolicy,
): Promise<FetchResult> {
  const headers: Record<string, string> = {
    "User-Agent": policy.userAgent,
    Accept: "application/json, application/xml, text/html;q=0.9, */*;q=0.5",
  };
  if (previous.etag) headers["If-None-Match"] = previous.etag;
  if (previous.lastModified) headers["If-Modified-Since"] = previous.lastModified;
  let lastError = new FetchError("not attempted");
  for (let attempt = 1; attempt <= policy.attempts; attempt++) {
    if (attempt > 1) await policy.sleep(lastError.retryAfterMs ?? policy.baseDelayMs * 2 ** (attempt - 2));
    const answer = await attemptFetch(url, headers, policy);
    if (!(answer instanceof FetchError)) return answer;
    lastError = answer;
    // 429 and 5xx may pass; a network error or timeout may pass; any other answer will not.
    if (answer.httpStatus !== undefined && answer.httpStatus !== 429 && answer.httpStatus < 500) break;
    if (answer.final) break;
  }
  throw lastError;
}

/** One GET: the result, or the FetchError describing why it failed (never throws). */
async function attemptFetch(
  url: string,
  headers: Record<string, string>,
  policy: FetchPolicy,
): Promise<FetchResult | FetchError> {
  const options: SafeFetchOptions = {
    fetch: policy.fetch,
    maxBodyBytes: policy.maxBodyBytes ?? MAX_BODY_BYTES,
    maxRedirects: policy.maxRedirects ?? MAX_REDIRECTS,
    allowPrivate: policy.allowPrivate ?? false,
    ...(policy.resolveHost ? { resolveHost: policy.resolveHost } : {}),
  };
  try {
    const res = await fetchFollowingSafely(url, { headers, signal: AbortSignal.timeout(policy.timeoutMs) }, options);
    if (res.status === 304) return { status: "not_modified" };
    if (res.ok) {
      const body = await readBodyWithin(res, options.maxBodyBytes);
      const lastModified = pastDate(res.headers.get("last-modified"), res.headers.get("date"));
      return { status: "ok", body, etag: res.headers.get("etag"), lastModified };
    }
    // The body of an error answer is never read: it could be anything (an internal page), and
    // error messages are stored and shown to operators.
    await res.body?.cancel();
    const retryAfter = Number(res.headers.get("retry-after"));
    const retryAfterMs =
      Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 60_000) : undefined;
    return new FetchError(`HTTP ${res.status} from ${new URL(res.url || url).host}`, res.status, retryAfterMs);
  } catch (err) {
    if (err instanceof FetchError) return err;
    const timedOut = (err as Error).name === "TimeoutError";
    return new FetchError(
      timedOut ? `timed out after ${policy.timeoutMs} ms` : `network error: ${describeNetworkError(err)}`,
    );
  }
}

/**
 * A Last-Modified worth sending back as If-Modified-Since: a date, not later than the answer's own
 * Date (or our clock). A board whose clock runs ahead would otherwise answer 304 to every change
 * until its date came round (HTTP says an origin must not send a future one; some do).
 */
function pastDate(lastModified: string | null, date: string | null): string | null {
  const at = lastModified ? Date.parse(lastModified) : Number.NaN;
  if (!Number.isFinite(at)) return null;
  const served = date ? Date.parse(date) : Number.NaN;
  return at <= (Number.isFinite(served) ? served : Date.now()) ? lastModified : null;
}

// undici says "fetch failed" and puts the reason in `cause` (ECONNREFUSED, ENOTFOUND…).
function describeNetworkError(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } }).cause;
  const code = typeof cause?.code === "string" ? cause.code : undefined;
  return code ? `${(err as Error).message} (${code})` : (err as Error).message;
}
