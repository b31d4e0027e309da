import type { WeeklyDigestProps } from "../../../emails/weekly-digest";
import type { SlotKind } from "./template";

// The digest template's string slots, and which values the fast renderer can substitute exactly
// (see digest-body.ts).

/**
 * The slots, in order: global slots first (the match count, a number, is the last of them and is
 * passed as text), then each card's fields. Attributions are not slots: they are part of the
 * shape (the template derives its link text from the href). Both walks below follow these tables.
 */
const GLOBAL_SLOTS = [
  ["heading", "text"],
  ["previewText", "preview"],
  ["seeAllUrl", "url"],
  ["preferencesUrl", "url"],
  ["pauseUrl", "url"],
  ["unsubscribeUrl", "url"],
] as const satisfies readonly (readonly [keyof WeeklyDigestProps, SlotKind])[];
const FILTER_SLOTS = [
  ["label", "text"],
  ["value", "text"],
  ["changeUrl", "url"],
] as const satisfies readonly (readonly [keyof WeeklyDigestProps["filters"][number], SlotKind])[];
export const CARD_FIELDS = [
  ["title", "text"],
  ["company", "text"],
  ["url", "url"],
  ["salary", "text"],
  ["stack", "text"],
  ["remote", "text"],
  ["posted", "text"],
  ["source", "text"],
  ["why", "text"],
] as const satisfies readonly (readonly [keyof WeeklyDigestProps["listings"][number], SlotKind])[];

/** Fields per card (slots firstCardSlot + k * CARD_SLOTS + f). */
export const CARD_SLOTS = CARD_FIELDS.length;
function cardField(name: (typeof CARD_FIELDS)[number][0]): number {
  return CARD_FIELDS.findIndex(([field]) => field === name);
}
/** Card fields that differ between subscribers for the same listing. */
export const OWN_FIELDS: ReadonlySet<number> = new Set([cardField("posted"), cardField("why")]);
export const globalSlotCount = (p: WeeklyDigestProps) => GLOBAL_SLOTS.length + FILTER_SLOTS.length * p.filters.length + 1;

/**
 * Every slot's value and kind, in order, into arrays of exactly the slot count. This runs for every
 * digest, so it walks the tables with indexed loops: nothing is allocated per slot.
 */
export function collectGlobalSlots(p: WeeklyDigestProps, values: string[], kinds: SlotKind[]): void {
  let n = 0;
  const put = (value: string, kind: SlotKind) => {
    values[n] = value;
    kinds[n++] = kind;
  };
  for (let i = 0; i < GLOBAL_SLOTS.length; i++) put(p[GLOBAL_SLOTS[i]![0]], GLOBAL_SLOTS[i]![1]);
  for (let f = 0; f < p.filters.length; f++) {
    const filter = p.filters[f]!;
    for (let i = 0; i < FILTER_SLOTS.length; i++) put(filter[FILTER_SLOTS[i]![0]], FILTER_SLOTS[i]![1]);
  }
  put(String(p.totalMatches), "text");
}

/** The props with every slot replaced by `f`, called in slot order (compiling a shape). */
export function mapSlots(p: WeeklyDigestProps, f: (value: string, kind: SlotKind) => string): WeeklyDigestProps {
  const replaced = <T extends object>(item: T, slots: readonly (readonly [keyof T, SlotKind])[]): T => {
    const copy = { ...item };
    for (const [key, kind] of slots) (copy as Record<keyof T, unknown>)[key] = f(item[key] as string, kind);
    return copy;
  };
  const head = replaced(p, GLOBAL_SLOTS);
  const filters = p.filters.map((filter) => replaced(filter, FILTER_SLOTS));
  f(String(p.totalMatches), "text");
  return { ...head, filters, listings: p.listings.map((card) => replaced(card, CARD_FIELDS)) };
}

/**
 * Whether a value of this kind comes through both renderers as itself (escaping apart): a text is
 * words of "word characters" separated by single spaces, and does not contain "://"; a URL is
 * http(s):// and word characters. A word character is any character but a space, a control
 * character, a zero-width space, a placeholder character (U+E000–U+E002, see template.ts) or half
 * of a surrogate pair without its other half. Stated as a regular expression in the tests; checked
 * here character by character, as every digest checks ~70 values (a Unicode regular expression
 * took several times longer).
 */
export function isSafe(value: string, kind: SlotKind): boolean {
  if (typeof value !== "string") return false;
  if (kind === "preview") return true;
  if (kind === "url") {
    const from = value.startsWith("https://") ? 8 : value.startsWith("http://") ? 7 : -1;
    return from > 0 && words(value, from, false);
  }
  return words(value, 0, true) && !value.includes("://");
}

/** Whether value[from..] is one or more word characters, with single spaces between words when `spaced`. */
function words(value: string, from: number, spaced: boolean): boolean {
  const n = value.length;
  if (from >= n) return false;
  // A space is allowed only after a word character: never first, never twice in a row.
  let afterSpace = true;
  for (let i = from; i < n; i++) {
    const c = value.charCodeAt(i);
    if (c === 32) {
      if (!spaced || afterSpace) return false;
      afterSpace = true;
      continue;
    }
    if (c < 0x20 || c === 0x7f || c === 0x200b || (c >= 0xe000 && c <= 0xe002)) return false;
    if (c >= 0xd800 && c <= 0xdfff) {
      // A high half followed by a low half is one character (outside the excluded range); any other half is not.
      if (c > 0xdbff || i + 1 >= n) return false;
      const low = value.charCodeAt(i + 1);
      if (low < 0xdc00 || low > 0xdfff) return false;
      i++;
    }
    afterSpace = false;
  }
  return !afterSpace;
}
