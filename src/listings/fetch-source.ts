/** Politeness settings for fetching a source (DESIGN.md §3). */
export interface FetchPolicy {
  userAgent: string;
  timeoutMs: number;
  attempts: number;
  baseDelayMs: number;
  sleep: (ms: number) => Promise<void>;
  fetch: typeof fetch;
}

export type FetchResult =
  | { status: "ok"; body: string; etag: string | null; lastModified: string | null }
  | { status: "not_modified" };

export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    message: string,
    readonly httpStatus?: number,
    readonly retryAfterMs?: number,
    /** No retry can help (the body is too large). */
    readonly final = false,
  ) {
    super(message);
  }
}

const MAX_BODY_BYTES = 20 * 1024 * 1024;

/**
 * GETs a source URL with a timeout, an honest User-Agent, conditional headers from the previous
 * success, and retries with exponential backoff on network errors, 429 (honouring Retry-After)
 * and 5xx. Other 4xx fail at once. Never throws anything but FetchError.
 */
export async function fetchSource(
  url: string,
  previous: { etag: string | null; lastModified: string | null },
  policy: FetchPolicy,
): Promise<FetchResult> {
  const headers: Record<string, string> = { "User-Agent": policy.userAgent, Accept: "application/json, application/xml, text/html;q=0.9, */*;q=0.5" };
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
async function attemptFetch(url: string, headers: Record<string, string>, policy: FetchPolicy): Promise<FetchResult | FetchError> {
  try {
    const res = await policy.fetch(url, { headers, signal: AbortSignal.timeout(policy.timeoutMs), redirect: "follow" });
    if (res.status === 304) return { status: "not_modified" };
    if (res.ok) {
      const body = await res.text();
      if (body.length > MAX_BODY_BYTES) return new FetchError(`response larger than ${MAX_BODY_BYTES} bytes`, undefined, undefined, true);
      return { status: "ok", body, etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified") };
    }
    await res.body?.cancel();
    const retryAfter = Number(res.headers.get("retry-after"));
    const retryAfterMs = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, 60_000) : undefined;
    return new FetchError(`HTTP ${res.status} from ${new URL(url).host}`, res.status, retryAfterMs);
  } catch (err) {
    const timedOut = (err as Error).name === "TimeoutError";
    return new FetchError(timedOut ? `timed out after ${policy.timeoutMs} ms` : `network error: ${(err as Error).message}`);
  }
}
