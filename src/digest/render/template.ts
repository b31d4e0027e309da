/**
 * Sentinel templates: a React Email template rendered once with a unique placeholder in every
 * string slot, then split around the placeholders, so a message is the fixed parts joined with
 * its values. Placeholders are private-use characters with no case, not whitespace to html-to-text
 * and never escaped by React, so both renderers pass them through as single words. A lower-case
 * marker inside each reveals a slot html-to-text upper-cased (a heading): such a template is refused.
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
export type SplitTemplate = { parts: string[]; slots: number[] };

/** Splits a rendered document around its placeholders; throws unless each sits where it is safe to substitute. */
export function splitTemplate(doc: string, kinds: readonly SlotKind[], mode: "html" | "text"): SplitTemplate {
  const parts: string[] = [];
  const slots: number[] = [];
  const inAttribute: boolean[] = [];
  let last = 0;
  for (const m of doc.matchAll(SENTINEL)) {
    inAttribute.push(
      insideAttribute(doc.slice(Math.max(0, m.index - 500), m.index), doc.slice(m.index, m.index + 500)),
    );
    const slot = Number(m[1]);
    if (kinds[slot] === undefined) throw new Error(`unknown slot ${slot} in the ${mode} template`);
    if (m[2] === "X") throw new Error(`the ${mode} renderer changed a placeholder's case`);
    parts.push(doc.slice(last, m.index));
    slots.push(slot);
    last = m.index + m[0].length;
  }
  parts.push(doc.slice(last));
  for (const part of parts) if (STRAY.test(part)) throw new Error(`a placeholder was altered by the ${mode} renderer`);
  slots.forEach((slot, i) => {
    const kind = kinds[slot]!;
    const [before, after] = [parts[i]!, parts[i + 1]!];
    if (mode === "text") {
      if (kind === "preview") throw new Error("the preview text unexpectedly reached the plain-text part");
    } else if (
      kind === "url"
        ? !(before.endsWith('href="') && after.startsWith('"'))
        : !(before.endsWith(">") && after.startsWith("<")) && !inAttribute[i]
    ) {
      throw new Error(`slot ${slot} (${kind}) is not a whole ${kind === "url" ? "href" : "text node"} in the HTML`);
    }
  });
  return { parts, slots };
}

// Text within a double-quoted attribute value ("Apply: TITLE at COMPANY"): React escapes it as it
// escapes a text node (quotes included), so the same escaped value fills either. Placeholders hold no
// quote or angle bracket, so the test may look across the slots beside this one.
const insideAttribute = (before: string, after: string) => /="[^"<>]*$/.test(before) && /^[^"<>]*"/.test(after);

/**
 * A template whose middle repeats once per item (the digest's cards), built from renders of the
 * same shape with one item and with two. Slots from `firstItemSlot` on belong to items,
 * `slotsPerItem` each; in `item`, slots are field numbers. A document with n items is head, item 0,
 * then `between` and item k for each further item, then tail. Throws when the two renders do not
 * have that structure, so a template change that breaks it is caught when compiled, not mailed.
 */
export function repeatingTemplate(one: SplitTemplate, two: SplitTemplate, firstItemSlot: number, slotsPerItem: number) {
  const isItem = (slot: number) => slot >= firstItemSlot;
  const first = one.slots.findIndex(isItem);
  const last = one.slots.findLastIndex(isItem);
  if (first < 0) throw new Error("no item slots in the one-item render");
  if (one.slots.slice(first, last + 1).some((s) => !isItem(s) || s >= firstItemSlot + slotsPerItem))
    throw new Error("item slots are not contiguous");
  const head = { parts: one.parts.slice(0, first + 1), slots: one.slots.slice(0, first) };
  const item = {
    parts: ["", ...one.parts.slice(first + 1, last + 1), ""],
    slots: one.slots.slice(first, last + 1).map((s) => s - firstItemSlot),
  };
  const tail = { parts: one.parts.slice(last + 1), slots: one.slots.slice(last + 1) };
  // The two-item render must be head, item 0, a junction, item 1 (same structure), tail.
  const between = two.parts[last + 1]!;
  const expected: SplitTemplate = {
    parts: [...one.parts.slice(0, last + 1), between, ...item.parts.slice(1, -1), ...one.parts.slice(last + 1)],
    slots: [
      ...one.slots.slice(0, last + 1),
      ...item.slots.map((f) => f + firstItemSlot + slotsPerItem),
      ...one.slots.slice(last + 1),
    ],
  };
  if (JSON.stringify(expected) !== JSON.stringify(two))
    throw new Error("the two-item render is not the one-item render with its item repeated");
  return { head, item, between, tail };
}
export type RepeatingTemplate = ReturnType<typeof repeatingTemplate>;

/** Fills a segment (or a whole split template): slot s takes values[s], already escaped for this output. */
export function fillSegment({ parts, slots }: SplitTemplate, values: readonly string[]): string {
  let out = parts[0]!;
  for (let i = 0; i < slots.length; i++) out += values[slots[i]!]! + parts[i + 1]!;
  return out;
}
