/**
 * The hashes and signatures the service needs, all through Web Crypto (`crypto.subtle`), which
 * Node and Workers both provide. Stateless: keys are imported by whoever holds them (see
 * createLinkSigner, importSuppressionKeys) and passed in.
 */
const encoder = new TextEncoder();

const bytesOf = (data: string | Uint8Array): Uint8Array<ArrayBuffer> =>
  typeof data === "string" ? encoder.encode(data) : (data as Uint8Array<ArrayBuffer>);

/** An HMAC-SHA-256 key for signing and verifying, from a secret's UTF-8 bytes. */
export function importHmacKey(secret: string): Promise<CryptoKey> {
  return crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
    "sign",
    "verify",
  ]);
}

export async function hmacSha256(key: CryptoKey, data: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.sign("HMAC", key, bytesOf(data)));
}

export async function sha256(data: string | Uint8Array): Promise<Uint8Array> {
  return new Uint8Array(await crypto.subtle.digest("SHA-256", bytesOf(data)));
}

/** Hex SHA-256, for keys that must not hold an address or an IP in clear. */
export async function sha256Hex(text: string): Promise<string> {
  return toHex(await sha256(text));
}

export function toHex(bytes: Uint8Array): string {
  return Array.from(bytes, (b) => b.toString(16).padStart(2, "0")).join("");
}

export function fromHex(hex: string): Uint8Array {
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => Number.parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

/** Base64url without padding (RFC 4648 §5). */
export function toBase64Url(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes))
    .replace(/\+/g, "-")
    .replace(/\//g, "_")
    .replace(/=+$/, "");
}

/**
 * Decodes canonical base64url only: the spelling toBase64Url writes. A 32-byte signature takes 43
 * characters whose last carries 2 unused bits, so without the round-trip check four spellings of
 * one signature verified (issue 16.8).
 */
export function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return toBase64Url(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}
