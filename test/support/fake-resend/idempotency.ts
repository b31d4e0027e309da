/**
 * Idempotency keys as Resend keeps them: the first successful answer for a key is stored for
 * 24 hours and replayed for a byte-identical request; a different request with the key is a
 * conflict, and so is a second request while the first is still being processed. Failed
 * requests store nothing, so they may be retried with the same key.
 */

export const KEY_TTL_MS = 24 * 60 * 60 * 1000;
export const MAX_KEY_LENGTH = 256;

export interface StoredAnswer {
  status: number;
  body: unknown;
}

export type KeyLookup =
  | { kind: "new" }
  | { kind: "replay"; answer: StoredAnswer }
  | { kind: "mismatch" }
  | { kind: "in-flight" };

interface Entry {
  fingerprint: string;
  firstSeenAt: number;
  answer: StoredAnswer | null;
}

export class IdempotencyStore {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly now: () => number) {}

  /** Look the key up and, when it is new (or expired), reserve it as in flight. */
  begin(key: string, fingerprint: string): KeyLookup {
    const entry = this.entries.get(key);
    if (entry && this.now() - entry.firstSeenAt < KEY_TTL_MS) {
      if (entry.answer === null) return { kind: "in-flight" };
      if (entry.fingerprint !== fingerprint) return { kind: "mismatch" };
      return { kind: "replay", answer: entry.answer };
    }
    this.entries.set(key, { fingerprint, firstSeenAt: this.now(), answer: null });
    return { kind: "new" };
  }

  /** Store the successful answer of a reserved key. */
  complete(key: string, answer: StoredAnswer): void {
    const entry = this.entries.get(key);
    if (entry) entry.answer = answer;
  }

  /** Release a reserved key whose request failed. */
  abandon(key: string): void {
    if (this.entries.get(key)?.answer === null) this.entries.delete(key);
  }

  clear(): void {
    this.entries.clear();
  }
}
