/**
 * Signed link tokens (DESIGN.md §6): `<purpose>.<subscriberId>.<signature>` where the signature
 * is HMAC-SHA256 over "purpose:subscriberId", base64url. Each purpose signs differently, so a
 * manage token can never confirm. Verification uses crypto.subtle.verify (constant time) and
 * accepts every configured secret, newest first, so rotating TOKEN_SECRET keeps old links alive.
 * Web Crypto only: this runs on Node and on Workers.
 */
export const TOKEN_PURPOSES = ["confirm", "manage", "unsubscribe"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export type TokenCheck =
  | { ok: true; subscriberId: string }
  | { ok: false; reason: "malformed" | "wrong_purpose" | "bad_signature"; purpose?: TokenPurpose };

const encoder = new TextEncoder();
const keyCache = new Map<string, Promise<CryptoKey>>();

function hmacKey(secret: string): Promise<CryptoKey> {
  let key = keyCache.get(secret);
  if (!key) {
    key = crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, [
      "sign",
      "verify",
    ]);
    keyCache.set(secret, key);
  }
  return key;
}

export function toBase64Url(bytes: Uint8Array): string {
  let binary = "";
  for (const b of bytes) binary += String.fromCharCode(b);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    return Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
  } catch {
    return null;
  }
}

/** Signs a token for one subscriber and one purpose with the current (first) secret. */
export async function signToken(secrets: readonly string[], purpose: TokenPurpose, subscriberId: string): Promise<string> {
  const [current] = secrets;
  if (!current) throw new Error("no token secret configured");
  const sig = await crypto.subtle.sign("HMAC", await hmacKey(current), encoder.encode(`${purpose}:${subscriberId}`));
  return `${purpose}.${subscriberId}.${toBase64Url(new Uint8Array(sig))}`;
}

/** Checks a token for the expected purpose against every configured secret. Never throws. */
export async function verifyToken(
  secrets: readonly string[],
  expected: TokenPurpose,
  token: string,
): Promise<TokenCheck> {
  const parts = token.split(".");
  if (parts.length !== 3) return { ok: false, reason: "malformed" };
  const [purpose, subscriberId, sigText] = parts as [string, string, string];
  if (!(TOKEN_PURPOSES as readonly string[]).includes(purpose) || !/^[A-Za-z0-9-]{1,64}$/.test(subscriberId)) {
    return { ok: false, reason: "malformed" };
  }
  const sig = fromBase64Url(sigText);
  if (!sig || sig.length !== 32) return { ok: false, reason: "malformed" };
  const data = encoder.encode(`${purpose}:${subscriberId}`);
  let valid = false;
  for (const secret of secrets) {
    if (await crypto.subtle.verify("HMAC", await hmacKey(secret), sig as Uint8Array<ArrayBuffer>, data)) {
      valid = true;
      break;
    }
  }
  if (!valid) return { ok: false, reason: "bad_signature" };
  if (purpose !== expected) return { ok: false, reason: "wrong_purpose", purpose: purpose as TokenPurpose };
  return { ok: true, subscriberId };
}

/** Hex SHA-256, for keys that must not hold an address or an IP in clear. */
export async function sha256Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", encoder.encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, "0")).join("");
}
