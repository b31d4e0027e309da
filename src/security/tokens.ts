import { fromBase64Url, hmacSha256, importHmacKey, toBase64Url } from "./web-crypto";

/**
 * Signed link tokens (DESIGN.md §6): `<purpose>.<subscriberId>.<signature>` where the signature
 * is HMAC-SHA256 over "purpose:subscriberId", base64url. Each purpose signs differently, so a
 * manage token can never confirm. Web Crypto only: this runs on Node and on Workers.
 */
// "apply": signs a stored request for new choices (its id in the subscriber slot), mailed to the address.
export const TOKEN_PURPOSES = ["confirm", "manage", "unsubscribe", "apply"] as const;
export type TokenPurpose = (typeof TOKEN_PURPOSES)[number];

export type TokenCheck =
  | { ok: true; subscriberId: string }
  | { ok: false; reason: "malformed" | "wrong_purpose" | "bad_signature"; purpose?: TokenPurpose };

/** Signs and checks with the configured secrets; built once per process (or isolate) and passed in Deps. */
export interface LinkSigner {
  /** A token for one subscriber (or request) id and one purpose, under the current secret. */
  sign(purpose: TokenPurpose, id: string): Promise<string>;
  /** Checks a token for the expected purpose against every secret, newest first (rotation). Never throws. */
  verify(token: string, expected: TokenPurpose): Promise<TokenCheck>;
  /** Base64url HMAC of `message` under the current secret (CSRF tokens; callers prefix their own purpose). */
  mac(message: string): Promise<string>;
}

/** Imports each secret's key once (the first signs; all verify, so rotating keeps old links alive). */
export async function createLinkSigner(secrets: readonly string[]): Promise<LinkSigner> {
  if (secrets.length === 0) throw new Error("no token secret configured");
  const keys = await Promise.all(secrets.map(importHmacKey));
  const current = keys[0]!;
  const encoder = new TextEncoder();
  return {
    async sign(purpose, id) {
      return `${purpose}.${id}.${toBase64Url(await hmacSha256(current, `${purpose}:${id}`))}`;
    },
    async verify(token, expected) {
      const parsed = parseToken(token);
      if (!parsed) return { ok: false, reason: "malformed" };
      const data = encoder.encode(`${parsed.purpose}:${parsed.id}`);
      let valid = false;
      // crypto.subtle.verify compares in constant time.
      for (const key of keys) if (!valid) valid = await crypto.subtle.verify("HMAC", key, parsed.signature, data);
      if (!valid) return { ok: false, reason: "bad_signature" };
      if (parsed.purpose !== expected) return { ok: false, reason: "wrong_purpose", purpose: parsed.purpose };
      return { ok: true, subscriberId: parsed.id };
    },
    async mac(message) {
      return toBase64Url(await hmacSha256(current, message));
    },
  };
}

function parseToken(token: string): { purpose: TokenPurpose; id: string; signature: Uint8Array<ArrayBuffer> } | null {
  const parts = token.split(".");
  if (parts.length !== 3) return null;
  const [purpose, id, sigText] = parts as [string, string, string];
  if (!(TOKEN_PURPOSES as readonly string[]).includes(purpose) || !/^[A-Za-z0-9-]{1,64}$/.test(id)) return null;
  const signature = fromBase64Url(sigText);
  if (!signature || signature.length !== 32) return null;
  return { purpose: purpose as TokenPurpose, id, signature: signature as Uint8Array<ArrayBuffer> };
}

/**
 * Compares two strings in time that depends only on the expected one's length (for secrets a
 * client sends: CSRF tokens, the admin bearer token).
 */
export function constantTimeEqual(given: string, expected: string): boolean {
  let diff = given.length ^ expected.length;
  for (let i = 0; i < expected.length; i++) diff |= (given.charCodeAt(i) || 0) ^ expected.charCodeAt(i);
  return diff === 0;
}
