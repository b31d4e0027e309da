/**
 * Signed link tokens (DESIGN.md §6): `<purpose>.<subscriberId>.<signature>` where the signature
 * is HMAC-SHA256 over "purpose:subscriberId", base64url. Each purpose signs differently, so a
 * manage token can never confirm. Verification uses crypto.subtle.verify (constant time) and
 * accepts every configured secret, newest first, so rotating TOKEN_SECRET keeps old links alive.
 * Web Crypto only: this runs on Node and on Workers.
 */
// "apply": signs a stored request for new choices (its id in the subscriber slot), mailed to the address.
export const TOKEN_PURPOSES = ["confirm", "manage", "unsubscribe", "apply"] as const;
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

const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** Base64url without padding (RFC 4648 §5), written directly: two signatures per digest. */
export function toBase64Url(bytes: Uint8Array): string {
  let out = "";
  let i = 0;
  for (; i + 2 < bytes.length; i += 3) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8) | bytes[i + 2]!;
    out += BASE64URL[n >>> 18]! + BASE64URL[(n >>> 12) & 63]! + BASE64URL[(n >>> 6) & 63]! + BASE64URL[n & 63]!;
  }
  if (i + 1 === bytes.length) {
    const n = bytes[i]! << 16;
    out += BASE64URL[n >>> 18]! + BASE64URL[(n >>> 12) & 63]!;
  } else if (i + 2 === bytes.length) {
    const n = (bytes[i]! << 16) | (bytes[i + 1]! << 8);
    out += BASE64URL[n >>> 18]! + BASE64URL[(n >>> 12) & 63]! + BASE64URL[(n >>> 6) & 63]!;
  }
  return out;
}

/**
 * Decodes canonical base64url only: the spelling toBase64Url writes. A 32-byte signature takes 43
 * characters whose last carries 2 unused bits, so without the round-trip check four spellings of
 * one signature verified (issue 16.8). Links already sent were written canonically: they still work.
 */
function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]+$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (ch) => ch.charCodeAt(0));
    return toBase64Url(bytes) === text ? bytes : null;
  } catch {
    return null;
  }
}

/**
 * Signs a token for one subscriber and one purpose with the current (first) secret. The weekly
 * run signs two per digest (200,000 for 100,000 subscribers), and crypto.subtle costs ~50 µs a
 * call in hops and promises, so signing uses the synchronous HMAC-SHA256 below (identical
 * output, checked against Web Crypto in tests). Verification stays on crypto.subtle.verify.
 */
export async function signToken(secrets: readonly string[], purpose: TokenPurpose, subscriberId: string): Promise<string> {
  const [current] = secrets;
  if (!current) throw new Error("no token secret configured");
  return `${purpose}.${subscriberId}.${toBase64Url(hmacInto(current, utf8(`${purpose}:${subscriberId}`)))}`;
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
  return sha256HexSync(text);
}

/** The same, synchronously: the weekly run checks every due address against the suppressions. */
export function sha256HexSync(text: string): string {
  const digest = finishInto(IV, 0, utf8(text));
  let hex = "";
  for (const b of digest) hex += HEX[b];
  return hex;
}

const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));

// SHA-256 (FIPS 180-4) and HMAC (RFC 2104) in plain JavaScript, for short inputs on hot paths.
const K = new Uint32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3,
  0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
  0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13,
  0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
  0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208,
  0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);
const IV = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];
const W = new Uint32Array(64);

function compress(h: Uint32Array, block: Uint8Array, at: number): void {
  for (let i = 0; i < 16; i++, at += 4) W[i] = (block[at]! << 24) | (block[at + 1]! << 16) | (block[at + 2]! << 8) | block[at + 3]!;
  for (let i = 16; i < 64; i++) {
    const a = W[i - 15]!;
    const b = W[i - 2]!;
    const s0 = ((a >>> 7) | (a << 25)) ^ ((a >>> 18) | (a << 14)) ^ (a >>> 3);
    const s1 = ((b >>> 17) | (b << 15)) ^ ((b >>> 19) | (b << 13)) ^ (b >>> 10);
    W[i] = (W[i - 16]! + s0 + W[i - 7]! + s1) | 0;
  }
  let a = h[0]!, b = h[1]!, c = h[2]!, d = h[3]!, e = h[4]!, f = h[5]!, g = h[6]!, k = h[7]!;
  for (let i = 0; i < 64; i++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const t1 = (k + S1 + ((e & f) ^ (~e & g)) + K[i]! + W[i]!) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const t2 = (S0 + ((a & b) ^ (a & c) ^ (b & c))) | 0;
    k = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  h[0] = (h[0]! + a) | 0;
  h[1] = (h[1]! + b) | 0;
  h[2] = (h[2]! + c) | 0;
  h[3] = (h[3]! + d) | 0;
  h[4] = (h[4]! + e) | 0;
  h[5] = (h[5]! + f) | 0;
  h[6] = (h[6]! + g) | 0;
  h[7] = (h[7]! + k) | 0;
}

// Scratch space for the functions below, which are synchronous: hashing allocates nothing, and
// only the public sha256/hmacSha256 copy their result out (signing a digest's three links used to
// allocate a dozen typed arrays each).
const H = new Uint32Array(8);
const TAIL = new Uint8Array(128);
const TAIL_VIEW = new DataView(TAIL.buffer);
const DIGEST = new Uint8Array(32);
const DIGEST_VIEW = new DataView(DIGEST.buffer);
const INPUT = new Uint8Array(512);

/** `text` as UTF-8: a view of scratch space when it fits (valid until the next call), else a new array. */
function utf8(text: string): Uint8Array {
  const { read, written } = encoder.encodeInto(text, INPUT);
  return read === text.length ? INPUT.subarray(0, written) : encoder.encode(text);
}

/**
 * Hashes `data` continuing from `state`, which has already absorbed `prefixBytes` (a multiple of
 * 64), into DIGEST, which it returns: read it before the next call.
 */
function finishInto(state: ArrayLike<number>, prefixBytes: number, data: Uint8Array): Uint8Array {
  H.set(state);
  const whole = data.length - (data.length % 64);
  for (let at = 0; at < whole; at += 64) compress(H, data, at);
  const rest = data.length - whole;
  const tailLength = rest < 56 ? 64 : 128;
  TAIL.fill(0, 0, tailLength);
  TAIL.set(data.subarray(whole), 0);
  TAIL[rest] = 0x80;
  const bits = (prefixBytes + data.length) * 8;
  TAIL_VIEW.setUint32(tailLength - 8, Math.floor(bits / 0x100000000));
  TAIL_VIEW.setUint32(tailLength - 4, bits >>> 0);
  for (let at = 0; at < tailLength; at += 64) compress(H, TAIL, at);
  for (let i = 0; i < 8; i++) DIGEST_VIEW.setUint32(i * 4, H[i]!);
  return DIGEST;
}

export function sha256(data: Uint8Array): Uint8Array {
  return finishInto(IV, 0, data).slice();
}

/** Per secret: the hash states after the inner and outer padded keys (RFC 2104), computed once. */
const hmacStates = new Map<string, { inner: Uint32Array; outer: Uint32Array }>();

export function hmacSha256(secret: string, message: Uint8Array): Uint8Array {
  return hmacInto(secret, message).slice();
}

/** HMAC-SHA256 into DIGEST (see finishInto). */
function hmacInto(secret: string, message: Uint8Array): Uint8Array {
  let states = hmacStates.get(secret);
  if (!states) {
    const raw = encoder.encode(secret);
    const key: Uint8Array = raw.length > 64 ? sha256(raw) : raw;
    const pad = (byte: number) => {
      const block = new Uint8Array(64);
      for (let i = 0; i < 64; i++) block[i] = (key[i] ?? 0) ^ byte;
      const h = Uint32Array.from(IV);
      compress(h, block, 0);
      return h;
    };
    states = { inner: pad(0x36), outer: pad(0x5c) };
    hmacStates.set(secret, states);
  }
  // The inner digest is copied into the tail before the outer pass overwrites DIGEST.
  return finishInto(states.outer, 64, finishInto(states.inner, 64, message));
}
