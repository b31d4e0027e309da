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
    let retryAfterMs: number | undefined;
    try {
      const res = await policy.fetch(url, { headers, signal: AbortSignal.timeout(policy.timeoutMs), redirect: "follow" });
      if (res.status === 304) return { status: "not_modified" };
      if (res.ok) {
        const body = await res.text();
        if (body.length > MAX_BODY_BYTES) throw new FetchError(`response larger than ${MAX_BODY_BYTES} bytes`);
        return { status: "ok", body, etag: res.headers.get("etag"), lastModified: res.headers.get("last-modified") };
      }
      lastError = new FetchError(`HTTP ${res.status} from ${new URL(url).host}`, res.status);
      if (res.status !== 429 && res.status < 500) throw lastError;
      const retryAfter = Number(res.headers.get("retry-after"));
      if (Number.isFinite(retryAfter) && retryAfter > 0) retryAfterMs = Math.min(retryAfter * 1000, 60_000);
      await res.body?.cancel();
    } catch (err) {
      if (err instanceof FetchError && err.httpStatus !== undefined && err.httpStatus !== 429 && err.httpStatus < 500) throw err;
      if (err instanceof FetchError && err.httpStatus === undefined && err.message.startsWith("response larger")) throw err;
      if (!(err instanceof FetchError)) {
        const name = (err as Error).name;
        lastError = new FetchError(name === "TimeoutError" ? `timed out after ${policy.timeoutMs} ms` : `network error: ${(err as Error).message}`);
      }
    }
    if (attempt < policy.attempts) await policy.sleep(retryAfterMs ?? policy.baseDelayMs * 2 ** (attempt - 1));
  }
  throw lastError;
}
