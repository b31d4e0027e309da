import { createElement } from "react";
import WeeklyDigest, { type WeeklyDigestProps } from "../../../emails/weekly-digest";
import { renderEmail } from "../../mail/render";
import { escapeHtml } from "./escape";
import { fillSegment, repeatingTemplate, sentinel, splitTemplate, type RepeatingTemplate, type Segment, type SlotKind } from "./template";

/**
 * The weekly digest's HTML and text, byte for byte what React Email's render() gives for the same
 * props, in microseconds instead of milliseconds. Each "shape" (number of listings, whether the
 * "see all" line shows, number of filter lines, the attributions) is rendered once with render()
 * itself, placeholders in every string slot (see template.ts); a digest is then its shape's fixed
 * parts joined with its own values, escaped as React escapes them. A listing's card is filled
 * once per run with the listing's own fields, leaving only the subscriber's (day posted, why)
 * to add in each digest that shows it.
 *
 * Substituting is exact only for values both renderers pass through unchanged apart from that
 * escaping. html-to-text (the plain-text part) collapses whitespace, so a text value must be
 * non-empty words separated by single spaces; an href must be an http(s) URL with no whitespace
 * (React rewrites javascript: URLs, html-to-text drops "#…" and "mailto:"); link text must not
 * look like a URL (html-to-text hides an href equal to its text). Any other digest, and any shape
 * whose template fails those checks, is rendered by render() itself: slower, never different.
 */
export async function renderDigestBody(props: WeeklyDigestProps): Promise<{ html: string; text: string }> {
  const globals = globalSlotCount(props);
  const values = new Array<string>(globals);
  const kinds = new Array<SlotKind>(globals);
  collectGlobalSlots(props, values, kinds);
  for (let i = 0; i < globals; i++) if (!isSafe(values[i]!, kinds[i]!)) return fallback(props);
  const showMore = props.totalMatches - props.listings.length > 0;
  const key = `${showMore ? 1 : 0}|${props.filters.length}|${props.attributions.length ? JSON.stringify(props.attributions) : ""}`;
  let shape = shapes.get(key);
  if (!shape) {
    shape = compileShape(props, showMore).catch(() => null);
    shapes.set(key, shape);
  }
  const compiled = await shape;
  if (!compiled) return fallback(props);
  const htmlValues = new Array<string>(globals);
  for (let i = 0; i < globals; i++) htmlValues[i] = kinds[i] === "preview" ? previewHtml(values[i]!) : escapeHtml(values[i]!);
  let upperValues: string[] | undefined;
  if (compiled.upperSlots.length) {
    upperValues = [];
    for (const slot of compiled.upperSlots) upperValues[slot] = values[slot]!.toUpperCase();
  }
  let html = fillSegment(compiled.html.head, htmlValues);
  let text = fillSegment(compiled.text.head, values, upperValues);
  for (let k = 0; k < props.listings.length; k++) {
    const card = props.listings[k]!;
    const fragment = cardFragment(compiled, card);
    if (!fragment || !isSafe(card.posted, "text") || !isSafe(card.why, "text")) return fallback(props);
    if (k > 0) {
      html += compiled.html.between;
      text += compiled.text.between;
    }
    html += fillFragment(fragment.html, card, escapeHtml);
    text += fillFragment(fragment.text, card, asIs);
  }
  stats.fast++;
  return { html: html + fillSegment(compiled.html.tail, htmlValues), text: text + fillSegment(compiled.text.tail, values, upperValues) };
}

/**
 * How many digests took the fast path, how many fell back to render(), how many shapes were
 * compiled, and how many cards were taken already filled (cardsReused) or filled (cardsFilled).
 */
export const stats = { fast: 0, fallback: 0, shapes: 0, cardsReused: 0, cardsFilled: 0 };

interface CompiledShape {
  html: RepeatingTemplate;
  text: RepeatingTemplate;
  /** Global slots html-to-text upper-cases (the heading); cards have none (checked at compile time). */
  upperSlots: number[];
  card: CardTemplate;
}

/** The card's segments (slots are field numbers), and each listing's card made from them so far. */
interface CardTemplate {
  html: Segment;
  text: Segment;
  /** By listing URL; an entry is used only while every listing field is still the same. */
  fragments: Map<string, CardFragment>;
}

/**
 * One listing's card with its own fields filled in, once per run instead of once per digest (a
 * weekly run shows each new listing to thousands): fixed runs around the fields that are the
 * subscriber's own (the day posted, in their timezone, and why it matched).
 */
interface CardFragment {
  fields: readonly string[];
  html: Fragment;
  text: Fragment;
}
interface Fragment {
  /** runs.length === own.length + 1 */
  runs: string[];
  /** Card field numbers (posted, why) between the runs. */
  own: number[];
}

/**
 * Listings' cards kept per card template (~3 KB each): more than a week's new listings, which are
 * nearly all a run shows; beyond it the cache starts again rather than grow.
 */
const FRAGMENTS_MAX = 5_000;

function cardFragment(compiled: CompiledShape, card: WeeklyDigestProps["listings"][number]): CardFragment | null {
  const { fragments } = compiled.card;
  const known = fragments.get(card.url);
  if (known && sameListingFields(known.fields, card)) {
    stats.cardsReused++;
    return known;
  }
  const fields = CARD_FIELDS.map(([name]) => card[name]);
  for (let f = 0; f < CARD_FIELDS.length; f++) if (!OWN_FIELDS.has(f) && !isSafe(fields[f]!, CARD_FIELDS[f]![1])) return null;
  const fragment = { fields, html: fragmentOf(compiled.card.html, fields, escapeHtml), text: fragmentOf(compiled.card.text, fields, asIs) };
  if (fragments.size >= FRAGMENTS_MAX) fragments.clear();
  fragments.set(card.url, fragment);
  stats.cardsFilled++;
  return fragment;
}

function sameListingFields(fields: readonly string[], card: WeeklyDigestProps["listings"][number]): boolean {
  for (let f = 0; f < CARD_FIELDS.length; f++) if (!OWN_FIELDS.has(f) && fields[f] !== card[CARD_FIELDS[f]![0]]) return false;
  return true;
}

function fragmentOf(segment: Segment, fields: readonly string[], encode: (value: string) => string): Fragment {
  const runs: string[] = [];
  const own: number[] = [];
  let run = [segment.parts[0]!];
  for (let i = 0; i < segment.slots.length; i++) {
    const f = segment.slots[i]!;
    if (OWN_FIELDS.has(f)) {
      runs.push(run.join(""));
      own.push(f);
      run = [];
    } else run.push(encode(fields[f]!));
    run.push(segment.parts[i + 1]!);
  }
  runs.push(run.join(""));
  return { runs, own };
}

function fillFragment({ runs, own }: Fragment, card: WeeklyDigestProps["listings"][number], encode: (value: string) => string): string {
  let out = runs[0]!;
  for (let i = 0; i < own.length; i++) out += encode(card[CARD_FIELDS[own[i]!]![0]]) + runs[i + 1]!;
  return out;
}

const asIs = (value: string) => value;

// One shape per (see-all shown, number of filter lines, attributions): a handful per run.
const shapes = new Map<string, Promise<CompiledShape | null>>();

/** A number no digest template contains, standing in for totalMatches (the template does arithmetic on it). */
const NUMBER_PLACEHOLDER = 987_654_321;
/** @react-email/preview cuts the preview at 150 characters and pads shorter ones with this, repeated. */
const PREVIEW_MAX_LENGTH = 150;
const PREVIEW_PADDING = "\u00a0\u200c\u200b\u200d\u200e\u200f\ufeff";

/** Renders the shape with one card and with two (placeholders everywhere) and derives the repeating template. */
async function compileShape(props: WeeklyDigestProps, showMore: boolean): Promise<CompiledShape> {
  const build = async (cards: number) => {
    const kinds: SlotKind[] = [];
    const probe = { ...props, listings: props.listings.slice(0, 1) };
    while (probe.listings.length < cards) probe.listings.push(props.listings[0]!);
    const placeholders = mapSlots(probe, (_value, kind) => {
      const slot = kinds.push(kind) - 1;
      // A preview placeholder of exactly the maximum length: not cut, and no padding after it.
      return kind === "preview" ? sentinel(slot, PREVIEW_MAX_LENGTH) : sentinel(slot);
    });
    placeholders.totalMatches = showMore ? NUMBER_PLACEHOLDER : cards;
    const totalSlot = globalSlotCount(props) - 1;
    const rendered = await renderEmail(createElement(WeeklyDigest, placeholders));
    const swapNumber = (doc: string) => {
      const pieces = doc.split(String(NUMBER_PLACEHOLDER));
      if (pieces.length !== (showMore ? 2 : 1)) throw new Error("the match count does not appear exactly once");
      return pieces.join(sentinel(totalSlot));
    };
    return { html: splitTemplate(swapNumber(rendered.html), kinds, "html"), text: splitTemplate(swapNumber(rendered.text), kinds, "text") };
  };
  const [one, two] = await Promise.all([build(1), build(2)]);
  const firstCardSlot = globalSlotCount(props);
  const html = repeatingTemplate(one.html, two.html, firstCardSlot, CARD_SLOTS);
  const text = repeatingTemplate(one.text, two.text, firstCardSlot, CARD_SLOTS);
  if (text.item.upper.some(Boolean)) throw new Error("a card field is upper-cased in the text part");
  const upperSlots = [...new Set([...text.head.slots.filter((_s, i) => text.head.upper[i]), ...text.tail.slots.filter((_s, i) => text.tail.upper[i])])];
  // Shapes differ around the cards, not in them: they share one card template, so a listing's
  // card is prepared once whatever the shape (a different one gets its own).
  const cardKey = JSON.stringify([html.item, text.item]);
  let card = cardTemplates.get(cardKey);
  if (!card) cardTemplates.set(cardKey, (card = { html: html.item, text: text.item, fragments: new Map() }));
  stats.shapes++;
  return { html, text, upperSlots, card };
}

const cardTemplates = new Map<string, CardTemplate>();

async function fallback(props: WeeklyDigestProps) {
  stats.fallback++;
  return renderEmail(createElement(WeeklyDigest, props));
}

const WORD = "[^ \\x00-\\x1f\\x7f\\u200b\\uE000-\\uE002\\uD800-\\uDFFF]";
const TEXT_SAFE = new RegExp(`^${WORD}+(?: ${WORD}+)*$`, "u");
const URL_SAFE = new RegExp(`^https?://${WORD}+$`, "u");

function isSafe(value: string, kind: SlotKind): boolean {
  if (typeof value !== "string") return false;
  if (kind === "preview") return true;
  if (kind === "url") return URL_SAFE.test(value);
  return TEXT_SAFE.test(value) && !value.includes("://");
}

/** What <Preview> renders for a preview text: cut at 150 UTF-16 units, escaped, padded when shorter. */
function previewHtml(value: string): string {
  // The renderer's UTF-8 round trip turns a surrogate half left by the cut (or any lone one) into U+FFFD.
  const text = value.substring(0, PREVIEW_MAX_LENGTH).replace(/[\uD800-\uDFFF]/gu, "\ufffd");
  const html = escapeHtml(text);
  const pad = PREVIEW_MAX_LENGTH - value.substring(0, PREVIEW_MAX_LENGTH).length;
  return pad > 0 ? `${html}<div>${PREVIEW_PADDING.repeat(pad)}</div>` : html;
}

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
const CARD_FIELDS = [
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
const CARD_SLOTS = CARD_FIELDS.length;
function cardField(name: (typeof CARD_FIELDS)[number][0]): number {
  return CARD_FIELDS.findIndex(([field]) => field === name);
}
/** Card fields that differ between subscribers for the same listing. */
const OWN_FIELDS: ReadonlySet<number> = new Set([cardField("posted"), cardField("why")]);
const globalSlotCount = (p: WeeklyDigestProps) => GLOBAL_SLOTS.length + FILTER_SLOTS.length * p.filters.length + 1;

/**
 * Every slot's value and kind, in order, into arrays of exactly the slot count. This runs for every
 * digest, so it walks the tables with indexed loops: nothing is allocated per slot.
 */
function collectGlobalSlots(p: WeeklyDigestProps, values: string[], kinds: SlotKind[]): void {
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
function mapSlots(p: WeeklyDigestProps, f: (value: string, kind: SlotKind) => string): WeeklyDigestProps {
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
