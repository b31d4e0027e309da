import { ipLiteral, isLocalhostName, isPrivateAddress } from "./private-address";

export class FetchError extends Error {
  override name = "FetchError";
  constructor(
    message: string,
    readonly httpStatus?: number,
    readonly retryAfterMs?: number,
    /** No retry can help (too large, refused address, redirect loop). */
    readonly final = false,
  ) {
    super(message);
  }
}

/** What the safety checks need from the fetch policy (see FetchPolicy). */
export interface SafeFetchOptions {
  fetch: typeof fetch;
  maxBodyBytes: number;
  maxRedirects: number;
  allowPrivate: boolean;
  resolveHost?: (hostname: string) => Promise<string[]>;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

// The addresses a URL's host stands for: the literal itself, loopback for "localhost", or what
// the resolver says. Without a resolver (Workers, whose fetch cannot reach private networks)
// only literals and localhost are checked.
async function addressesOf(url: URL, options: SafeFetchOptions): Promise<string[]> {
  const literal = ipLiteral(url.hostname);
  if (literal) return [literal];
  if (isLocalhostName(url.hostname)) return ["127.0.0.1"];
  if (!options.resolveHost) return [];
  try {
    return await options.resolveHost(url.hostname);
  } catch {
    throw new FetchError(`network error: cannot resolve ${url.hostname}`);
  }
}

/**
 * Refuses a destination that is not http(s), or whose host is (or resolves to) a private address,
 * unless private addresses are allowed (SOURCES_ALLOW_PRIVATE) and the URL stays on the
 * configured origin: a redirect may never lead anywhere else inside.
 */
async function assertAllowed(url: URL, configured: URL, options: SafeFetchOptions): Promise<void> {
  if (url.protocol !== "http:" && url.protocol !== "https:") {
    throw new FetchError(`refused URL scheme ${url.protocol}`, undefined, undefined, true);
  }
  const addresses = await addressesOf(url, options);
  if (!addresses.some(isPrivateAddress)) return;
  if (options.allowPrivate && url.origin === configured.origin) return;
  throw new FetchError(`refused private address (${url.host})`, undefined, undefined, true);
}

/**
 * GETs `url`, following at most `maxRedirects` redirects by hand, each target checked like the
 * first. A loop or too many hops is a FetchError naming it. Returns the first non-redirect answer.
 */
export async function fetchFollowingSafely(
  url: string,
  init: RequestInit,
  options: SafeFetchOptions,
): Promise<Response> {
  const configured = new URL(url);
  const visited = new Set<string>();
  let current = configured;
  for (let hops = 0; ; hops++) {
    await assertAllowed(current, configured, options);
    visited.add(current.href);
    const res = await options.fetch(current.href, { ...init, redirect: "manual" });
    if (!REDIRECTS.has(res.status)) return res;
    await res.body?.cancel();
    const location = res.headers.get("location");
    if (!location)
      throw new FetchError(`HTTP ${res.status} redirect without a Location from ${current.host}`, res.status);
    let next: URL;
    try {
      next = new URL(location, current);
    } catch {
      throw new FetchError(`redirect to an invalid URL from ${current.host}`, res.status, undefined, true);
    }
    if (visited.has(next.href)) throw new FetchError(`redirect loop at ${next.host}`, res.status, undefined, true);
    if (hops >= options.maxRedirects) {
      throw new FetchError(`too many redirects (more than ${options.maxRedirects})`, res.status, undefined, true);
    }
    current = next;
  }
}

// `charset=…` in a Content-Type, quoted or not.
const CHARSET = /;\s*charset\s*=\s*"?([\w.:-]{1,40})/i;

/**
 * A decoder for the charset the answer declares (`Content-Type: …; charset=iso-8859-1`), UTF-8
 * when it declares none or one no decoder knows. Bytes that are not valid in it still become
 * U+FFFD, which titles and companies drop (sources/bounds.ts).
 */
function declaredDecoder(res: Response): TextDecoder {
  const charset = CHARSET.exec(res.headers.get("content-type") ?? "")?.[1];
  try {
    return new TextDecoder(charset ?? "utf-8");
  } catch {
    return new TextDecoder();
  }
}

/**
 * The body as text in its declared charset (UTF-8 by default), read as it streams: the limit
 * counts bytes after decompression, and the stream is cancelled the moment it is passed, so a
 * small gzip of gigabytes never fills memory. The error names the limit, never any of the body.
 */
export async function readBodyWithin(res: Response, maxBytes: number): Promise<string> {
  if (!res.body) return "";
  const reader = res.body.getReader();
  const decoder = declaredDecoder(res);
  const parts: string[] = [];
  let received = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    received += chunk.value.byteLength;
    if (received > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw new FetchError(`response too large (over ${maxBytes} bytes)`, undefined, undefined, true);
    }
    parts.push(decoder.decode(chunk.value, { stream: true }));
  }
  parts.push(decoder.decode());
  return parts.join("");
}
