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

/** One output (HTML or text): fixed parts around slots; parts.length === slots.length + 1. */
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
      const ok = kind === "url" ? before.endsWith('href="') && after.startsWith('"') : before.endsWith(">") && after.startsWith("<");
      if (!ok) throw new Error(`slot ${slots[i]} (${kind}) is not a whole ${kind === "url" ? "href" : "text node"} in the HTML template`);
    } else if (kind === "preview") {
      throw new Error("the preview text unexpectedly reached the plain-text part");
    }
  }
  return { parts, slots, upper };
}

/** Joins the parts with per-slot strings (already escaped or transformed for this output). */
export function fillTemplate(t: SplitTemplate, values: readonly string[], upperValues?: readonly string[]): string {
  const { parts, slots, upper } = t;
  let out = parts[0]!;
  for (let i = 0; i < slots.length; i++) {
    const slot = slots[i]!;
    out += (upper[i] ? upperValues![slot]! : values[slot]!) + parts[i + 1]!;
  }
  return out;
}
