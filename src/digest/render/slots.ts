import type { WeeklyDigestProps } from "../../../emails/weekly-digest";
import type { SlotKind } from "./template";

/**
 * The digest template's string slots, in order: global slots first (the match count, a number, is
 * the last of them, passed as text), then each card's fields. Attributions are part of the shape,
 * not slots (the template derives their link text from the href).
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

/** Every global slot's value and kind, in slot order. */
export function globalSlots(p: WeeklyDigestProps): [string, SlotKind][] {
  return [
    ...GLOBAL_SLOTS.map(([key, kind]): [string, SlotKind] => [p[key], kind]),
    ...p.filters.flatMap((filter) => FILTER_SLOTS.map(([key, kind]): [string, SlotKind] => [filter[key], kind])),
    [String(p.totalMatches), "text"],
  ];
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

const WORD = "[^ \\x00-\\x1f\\x7f\\u200b\\uE000-\\uE002\\uD800-\\uDFFF]";
const TEXT_SAFE = new RegExp(`^${WORD}+(?: ${WORD}+)*$`, "u");
const URL_SAFE = new RegExp(`^https?://${WORD}+$`, "u");

/** Whether a value of this kind comes through both renderers as itself (escaping apart): see digest-body.ts. */
export function isSafe(value: string, kind: SlotKind): boolean {
  if (typeof value !== "string") return false;
  if (kind === "preview") return true;
  if (kind === "url") return URL_SAFE.test(value);
  return TEXT_SAFE.test(value) && !value.includes("://");
}
