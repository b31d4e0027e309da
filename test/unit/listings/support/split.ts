import type { LabelledRecord } from "./labelled";

// FNV-1a over the key's UTF-16 code units: a stable hash, so the split never changes between runs.
function fnv1a(text: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193) >>> 0;
  }
  return hash;
}

/** Share of the new (never tuned on) records kept back from rule development, in tenths. */
export const HELD_BACK_TENTHS = 4;

/**
 * Whether a record belongs to the held-back part: 4 in 10 of dev2.jsonl by a hash of
 * `origin.key`. dev.jsonl and extra.jsonl are never held back, because earlier rules were
 * already tuned on them; a held-back figure on them would measure fit, not generalisation.
 */
export function isHeldBack(record: LabelledRecord, file: string): boolean {
  return file === "dev2.jsonl" && fnv1a(record.origin.key) % 10 < HELD_BACK_TENTHS;
}

/** The records split into the part rules are developed on and the part that only measures them. */
export function splitLabelled(files: Record<string, LabelledRecord[]>): {
  development: LabelledRecord[];
  heldBack: LabelledRecord[];
} {
  const development: LabelledRecord[] = [];
  const heldBack: LabelledRecord[] = [];
  for (const [file, records] of Object.entries(files)) {
    for (const record of records) (isHeldBack(record, file) ? heldBack : development).push(record);
  }
  return { development, heldBack };
}
