/**
 * Whether a secret can carry 32 bytes (256 bits) of entropy, judged from its spelling alone
 * (issue 16.8). We cannot measure how a value was made, so we ask for the length a random value
 * of that alphabet needs and refuse spellings no random generator produces:
 * - hex (0-9, a-f only): at least 64 characters (4 bits each);
 * - anything else, base64 and base64url included: at least 43 characters (6 bits each for
 *   base64, so `openssl rand -base64 32` and `openssl rand -hex 32` both pass);
 * - low variety: a random 43-character base64 string has ~31 distinct characters and a random
 *   64-character hex string ~16; fewer than 16 (10 for hex) means a pattern such as "aaaa…".
 * Returns why the value is too weak, or null when it is acceptable.
 */
export function weakSecretReason(value: string): string | null {
  const hex = /^[0-9a-fA-F]+$/.test(value);
  const distinct = new Set(value).size;
  const advice = "use 32 random bytes, e.g. `openssl rand -base64 32` or `openssl rand -hex 32`";
  if (hex && value.length < 64) return `too short for 32 bytes of entropy (hex needs 64 characters); ${advice}`;
  if (!hex && value.replace(/=+$/, "").length < 43) {
    return `too short for 32 bytes of entropy (needs at least 43 characters); ${advice}`;
  }
  if (distinct < (hex ? 10 : 16)) return `too little variety (${distinct} distinct characters) to be random; ${advice}`;
  return null;
}
