import { createElement } from "react";
import WeeklyDigest, { type WeeklyDigestProps } from "../../../emails/weekly-digest";
import { renderEmail } from "../../mail/render";
import { escapeHtml } from "./escape";
import { CARD_FIELDS, globalSlots, isSafe, mapSlots } from "./slots";
import {
  fillSegment,
  repeatingTemplate,
  sentinel,
  splitTemplate,
  type RepeatingTemplate,
  type SlotKind,
} from "./template";

type CompiledShape = { html: RepeatingTemplate; text: RepeatingTemplate };

/**
 * The weekly digest's HTML and text, byte for byte what React Email's render() gives for the same
 * props, in microseconds instead of milliseconds. Each shape (whether "see all" shows, the number
 * of filter lines, the attributions) is rendered once by render() with placeholders in every slot
 * (template.ts); a digest is then its shape's fixed parts joined with its values, escaped as React
 * escapes them. Exact only for values both renderers pass through unchanged apart from escaping
 * (isSafe: html-to-text collapses whitespace, rewrites some links); any other digest, and any
 * shape whose template fails the checks, is rendered by render() itself: slower, never different.
 * Built once per run and passed in (no module state: on Workers a module outlives its request);
 * `stats` counts fast renders, fallbacks and shapes compiled.
 */
export function createDigestRenderer() {
  /** A handful per run. */
  const shapes = new Map<string, Promise<CompiledShape | null>>();
  const stats = { fast: 0, fallback: 0, shapes: 0 };
  const fallback = (props: WeeklyDigestProps) => {
    stats.fallback++;
    return renderEmail(createElement(WeeklyDigest, props));
  };
  const render = async (props: WeeklyDigestProps) => {
    const globals = globalSlots(props);
    if (!globals.every(([value, kind]) => isSafe(value, kind))) return fallback(props);
    const showMore = props.totalMatches - props.listings.length > 0;
    const key = `${showMore ? 1 : 0}|${props.filters.length}|${props.attributions.length ? JSON.stringify(props.attributions) : ""}`;
    let shape = shapes.get(key);
    if (!shape) {
      shape = compileShape(props, showMore)
        .then((compiled) => (stats.shapes++, compiled))
        .catch(() => null);
      shapes.set(key, shape);
    }
    const compiled = await shape;
    if (!compiled) return fallback(props);
    const cards = props.listings.map((card) => CARD_FIELDS.map(([name]) => card[name]));
    if (!cards.every((fields) => fields.every((value, f) => isSafe(value, CARD_FIELDS[f]![1])))) return fallback(props);
    const htmlValues = globals.map(([value, kind]) => (kind === "preview" ? previewHtml(value) : escapeHtml(value)));
    const textValues = globals.map(([value]) => value);
    const { html, text } = compiled;
    stats.fast++;
    return {
      html:
        fillSegment(html.head, htmlValues) +
        cards.map((fields) => fillSegment(html.item, fields.map(escapeHtml))).join(html.between) +
        fillSegment(html.tail, htmlValues),
      text:
        fillSegment(text.head, textValues) +
        cards.map((fields) => fillSegment(text.item, fields)).join(text.between) +
        fillSegment(text.tail, textValues),
    };
  };
  return { stats, render };
}

/** A number no digest template contains, standing in for totalMatches (the template does arithmetic on it). */
const NUMBER_PLACEHOLDER = 987_654_321;
/** @react-email/preview cuts the preview at 150 characters and pads shorter ones with this, repeated. */
const PREVIEW_MAX_LENGTH = 150;
const PREVIEW_PADDING = "\u00a0\u200c\u200b\u200d\u200e\u200f\ufeff";

/** Renders the shape with one card and with two (placeholders everywhere) and derives the repeating template. */
async function compileShape(props: WeeklyDigestProps, showMore: boolean): Promise<CompiledShape> {
  // Card k's field f is slot firstCardSlot + k * CARD_FIELDS.length + f; the match count is the last global slot.
  const firstCardSlot = globalSlots(props).length;
  const build = async (cards: number) => {
    const kinds: SlotKind[] = [];
    const probe = { ...props, listings: Array.from({ length: cards }, () => props.listings[0]!) };
    const placeholders = mapSlots(probe, (_value, kind) => {
      const slot = kinds.push(kind) - 1;
      // A preview placeholder of exactly the maximum length: not cut, and no padding after it.
      return kind === "preview" ? sentinel(slot, PREVIEW_MAX_LENGTH) : sentinel(slot);
    });
    placeholders.totalMatches = showMore ? NUMBER_PLACEHOLDER : cards;
    const rendered = await renderEmail(createElement(WeeklyDigest, placeholders));
    const swapNumber = (doc: string) => {
      const pieces = doc.split(String(NUMBER_PLACEHOLDER));
      // In the "See all N matches" link's text and its name (an attribute), so once or more.
      if (showMore ? pieces.length < 2 : pieces.length !== 1) throw new Error("the match count is not where expected");
      return pieces.join(sentinel(firstCardSlot - 1));
    };
    return {
      html: splitTemplate(swapNumber(rendered.html), kinds, "html"),
      text: splitTemplate(swapNumber(rendered.text), kinds, "text"),
    };
  };
  const [one, two] = await Promise.all([build(1), build(2)]);
  return {
    html: repeatingTemplate(one.html, two.html, firstCardSlot, CARD_FIELDS.length),
    text: repeatingTemplate(one.text, two.text, firstCardSlot, CARD_FIELDS.length),
  };
}

/** What <Preview> renders for a preview text: cut at 150 UTF-16 units, escaped, padded when shorter. */
function previewHtml(value: string): string {
  const cut = value.substring(0, PREVIEW_MAX_LENGTH);
  // The renderer's UTF-8 round trip turns a surrogate half left by the cut (or any lone one) into U+FFFD.
  const html = escapeHtml(cut.replace(/[\uD800-\uDFFF]/gu, "\ufffd"));
  const pad = PREVIEW_MAX_LENGTH - cut.length;
  return pad > 0 ? `${html}<div>${PREVIEW_PADDING.repeat(pad)}</div>` : html;
}
