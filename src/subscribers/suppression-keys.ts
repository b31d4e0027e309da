import type { Config } from "../config";
import { fromHex, hmacSha256, importHmacKey, sha256, sha256Hex, toBase64Url, toHex } from "../security/web-crypto";

/**
 * The keys of the suppression hashes (issue 16.8), imported once per process (or isolate) and
 * passed in Deps. An address is stored as HMAC-SHA-256, under a key of its own, of the SHA-256 (32
 * raw bytes) of the lower-cased address: without the key a leaked table cannot be checked against
 * a list of candidate addresses. The inner SHA-256 is what rows held before keys existed, so those
 * rows are re-keyed without knowing the address (rekeyLegacySuppressions).
 */
export interface SuppressionKeys {
  /** Every hash an address may be stored under, one per key (after a rotation), current first. */
  hashes(email: string): Promise<string[]>;
  /** A legacy row's plain SHA-256 (hex) under the current key. */
  rekey(innerHex: string): Promise<string>;
  /** A short public name per key (a hash of it, not the key), current first: which rows each wrote. */
  readonly ids: readonly string[];
}

/**
 * SUPPRESSION_SECRET when set, else keys derived from each TOKEN_SECRET under a label no link
 * signature uses. The first key writes; all are tried on lookup, so rotating TOKEN_SECRET (old one
 * in TOKEN_SECRET_PREVIOUS) still finds old rows.
 */
export async function importSuppressionKeys(
  config: Pick<Config, "suppressionSecret" | "tokenSecrets">,
): Promise<SuppressionKeys> {
  const derived = await Promise.all(
    config.tokenSecrets.map(async (s) =>
      toBase64Url(await hmacSha256(await importHmacKey(s), "suppression-hash-key:v1")),
    ),
  );
  const secrets = [...(config.suppressionSecret ? [config.suppressionSecret] : []), ...derived];
  const keys = await Promise.all(secrets.map(importHmacKey));
  const ids = await Promise.all(secrets.map(async (s) => (await sha256Hex(`suppression-key-id:${s}`)).slice(0, 16)));
  const keyed = async (key: CryptoKey, inner: Uint8Array) => toHex(await hmacSha256(key, inner));
  return {
    ids,
    async hashes(email) {
      const inner = await sha256(email.trim().toLowerCase());
      return Promise.all(keys.map((key) => keyed(key, inner)));
    },
    rekey: (innerHex) => keyed(keys[0]!, fromHex(innerHex)),
  };
}
