const BASE64URL = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const DIGIT = new Map(Array.from(BASE64URL, (ch, i) => [ch, i]));
const CODES = Uint16Array.from(BASE64URL, (ch) => ch.charCodeAt(0));
const DIGIT_ZERO = "0".charCodeAt(0);
/** Scratch space for encodePositions' character codes, grown as needed. */
let codes = new Uint16Array(1024);

/**
 * A list of positions as the ledger keeps it: base64url digits, as many per position as the
 * largest needs (two below 4,096, as in every pool so far; at most five), after a digit saying how
 * many. A digest's ~200 matches take ~400 characters instead of ~800 as JSON.
 */
export function encodePositions(list: ArrayLike<number>): string {
  let max = 0;
  for (let k = 0; k < list.length; k++) {
    const p = list[k]!;
    if (!(p >= 0 && p < 2 ** 30 && Number.isInteger(p))) throw new RangeError(`position ${p} cannot be encoded`);
    if (p > max) max = p;
  }
  let width = 2;
  while (max >= 2 ** (6 * width)) width++;
  // Character codes into scratch space, made a string at once (appending two characters at a
  // time allocated ~5 KB of intermediate strings per digest).
  const length = 1 + list.length * width;
  if (codes.length < length) codes = new Uint16Array(length * 2);
  codes[0] = DIGIT_ZERO + width;
  for (let k = 0, at = 1; k < list.length; k++) {
    const p = list[k]!;
    for (let shift = 6 * (width - 1); shift >= 0; shift -= 6) codes[at++] = CODES[(p >> shift) & 63]!;
  }
  // In slices: a call takes only so many arguments.
  let text = "";
  for (let at = 0; at < length; at += 8192) text += String.fromCharCode.apply(null, codes.subarray(at, Math.min(length, at + 8192)) as unknown as number[]);
  return text;
}

/** The positions a ledger row keeps: encodePositions' text, or (from earlier versions) a JSON list. */
export function decodePositions(stored: string | number[]): number[] {
  if (typeof stored !== "string") return stored;
  const width = Number(stored[0]);
  if (!(width >= 2 && width <= 5) || (stored.length - 1) % width !== 0) throw new RangeError("damaged list of positions");
  const out: number[] = [];
  for (let i = 1; i < stored.length; i += width) {
    let p = 0;
    for (let d = 0; d < width; d++) {
      const digit = DIGIT.get(stored[i + d]!);
      if (digit === undefined) throw new RangeError("damaged list of positions");
      p = (p << 6) | digit;
    }
    out.push(p);
  }
  return out;
}
