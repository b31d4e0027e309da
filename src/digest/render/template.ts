/**
 * Sentinel templates: a React Email template rendered once with a unique placeholder in every
 * string slot, then split around the placeholders, so a message is the fixed parts joined with
 * that message's values. The placeholders are private-use characters that have no case, are not
 * whitespace to html-to-text and are never escaped by React, so they come through both the HTML
 * and the plain-text renderer as single intact words. A lower-case marker inside each placeholder
 * reveals where html-to-text upper-cased a slot (headings).
 */
export type SlotKind = "text" | "url" | "preview";

const OPEN = "\uE000";
const CLOSE = "\uE001";
const PAD = "\uE002";
const SENTINEL = /\uE000(\d+)([xX])\uE002*\uE001/g;
const STRAY = /[\uE000-\uE002]/;

/** The placeholder of slot `index`, padded with PAD to exactly `length` characters when given. */
export function sentinel(index: number, length?: number): string {
  const core = `${OPEN}${index}x`;
  if (length === undefined) return core + CLOSE;
  if (length < core.length + 1) throw new Error(`a sentinel of ${length} characters cannot hold slot ${index}`);
  return core + PAD.repeat(length - core.length - 1) + CLOSE;
}

/** One output (HTML or text), or a run of it: fixed parts around slots; parts.length === slots.length + 1. */
export interface SplitTemplate {
  parts: string[];
  slots: number[];
  /** Per slot occurrence: html-to-text upper-cased it (a heading). */
  upper: boolean[];
}

/** Splits a rendered document around its placeholders and checks each sits where it is safe to substitute. */
export function splitTemplate(doc: string, kinds: readonly SlotKind[], mode: "html" | "text"): SplitTemplate {
  const parts: string[] = [];
  const slots: number[] = [];
  const upper: boolean[] = [];
  let last = 0;
  for (const m of doc.matchAll(SENTINEL)) {
    const slot = Number(m[1]);
    const kind = kinds[slot];
    if (kind === undefined) throw new Error(`unknown slot ${slot} in the ${mode} template`);
    parts.push(doc.slice(last, m.index));
    slots.push(slot);
    upper.push(m[2] === "X");
    last = m.index + m[0].length;
  }
  parts.push(doc.slice(last));
  for (const part of parts) if (STRAY.test(part)) throw new Error(`a placeholder was altered by the ${mode} renderer`);
  for (let i = 0; i < slots.length; i++) {
    const kind = kinds[slots[i]!]!;
    const before = parts[i]!;
    const after = parts[i + 1]!;
    if (mode === "html") {
      if (upper[i]) throw new Error("the HTML renderer changed a placeholder's case");
      const ok =
        kind === "url"
          ? before.endsWith('href="') && after.startsWith('"')
          : before.endsWith(">") && after.startsWith("<");
      if (!ok)
        throw new Error(
          `slot ${slots[i]} (${kind}) is not a whole ${kind === "url" ? "href" : "text node"} in the HTML template`,
        );
    } else if (kind === "preview") {
      throw new Error("the preview text unexpectedly reached the plain-text part");
    }
  }
  return { parts, slots, upper };
}

/**
 * A template whose middle repeats once per item (the digest's cards), built from two renders of
 * the same shape with one item and with two. Slots numbered `>= firstItemSlot` belong to items,
 * `slotsPerItem` each; in `item`, slots are field numbers f. A document with n items is head,
 * item 0, then `between` and item k for each further item, then tail. Throws when the two
 * renders do not have that structure, so a template change that breaks the assumption is caught
 * at compile time, not mailed.
 */
export interface RepeatingTemplate {
  head: SplitTemplate;
  item: SplitTemplate;
  between: string;
  tail: SplitTemplate;
}

export function repeatingTemplate(
  one: SplitTemplate,
  two: SplitTemplate,
  firstItemSlot: number,
  slotsPerItem: number,
): RepeatingTemplate {
  const isItem = (slot: number) => slot >= firstItemSlot;
  const first = one.slots.findIndex(isItem);
  const last = one.slots.findLastIndex(isItem);
  if (first < 0) throw new Error("no item slots in the one-item render");
  for (let i = first; i <= last; i++)
    if (!isItem(one.slots[i]!) || one.slots[i]! >= firstItemSlot + slotsPerItem)
      throw new Error("item slots are not contiguous");
  const head: SplitTemplate = {
    parts: one.parts.slice(0, first + 1),
    slots: one.slots.slice(0, first),
    upper: one.upper.slice(0, first),
  };
  const item: SplitTemplate = {
    parts: ["", ...one.parts.slice(first + 1, last + 1), ""],
    slots: one.slots.slice(first, last + 1).map((s) => s - firstItemSlot),
    upper: one.upper.slice(first, last + 1),
  };
  const tail: SplitTemplate = {
    parts: one.parts.slice(last + 1),
    slots: one.slots.slice(last + 1),
    upper: one.upper.slice(last + 1),
  };
  // The two-item render must be head, item 0, a junction, item 1 (same structure), tail.
  const between = two.parts[last + 1]!;
  const expected: SplitTemplate = {
    parts: [...one.parts.slice(0, last + 1), between, ...item.parts.slice(1, -1), ...one.parts.slice(last + 1)],
    slots: [
      ...one.slots.slice(0, last + 1),
      ...item.slots.map((f) => f + firstItemSlot + slotsPerItem),
      ...one.slots.slice(last + 1),
    ],
    upper: [...one.upper.slice(0, last + 1), ...item.upper, ...one.upper.slice(last + 1)],
  };
  if (JSON.stringify(expected) !== JSON.stringify(two))
    throw new Error("the two-item render is not the one-item render with its item repeated");
  return { head, item, between, tail };
}

/**
 * Fills a segment (or a whole split template): slot s takes values[s], already escaped or
 * transformed for this output (upperValues[s] where html-to-text upper-cased it).
 */
export function fillSegment(t: SplitTemplate, values: readonly string[], upperValues?: readonly string[]): string {
  const { parts, slots, upper } = t;
  let out = parts[0]!;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    out += (upper[i] ? upperValues![slot]! : values[slot]!) + parts[i + 1]!;
  }
  return out;
}
