import { createElement } from "react";
import WeeklyDigest, { type WeeklyDigestProps } from "../../../emails/weekly-digest";
import { renderEmail } from "../../mail/render";
import { escapeHtml } from "./escape";
import { CARD_FIELDS, CARD_SLOTS, globalSlotCount, globalSlots, isSafe, mapSlots } from "./slots";
import {
  fillSegment,
  repeatingTemplate,
  sentinel,
  splitTemplate,
  type RepeatingTemplate,
  type SlotKind,
} from "./template";

/** How many digests took the fast path, how many fell back to render(), how many shapes were compiled. */
export interface RenderStats {
  fast: number;
  fallback: number;
  shapes: number;
}

/** The fast renderer of one run (or one preview): its compiled shapes and counts. */
export interface DigestRenderer {
  render(props: WeeklyDigestProps): Promise<{ html: string; text: string }>;
  readonly stats: RenderStats;
}

/** What a renderer keeps between digests. */
interface RendererState {
  /** One shape per (see-all shown, number of filter lines, attributions): a handful per run. */
  shapes: Map<string, Promise<CompiledShape | null>>;
  stats: RenderStats;
}

/**
 * A renderer with nothing compiled yet: built once per run and passed to whatever composes
 * digests (no module state: on Workers a module outlives the request that filled it).
 */
export function createDigestRenderer(): DigestRenderer {
  const state: RendererState = { shapes: new Map(), stats: { fast: 0, fallback: 0, shapes: 0 } };
  return { stats: state.stats, render: (props) => renderDigestBody(state, props) };
}

/**
 * The weekly digest's HTML and text, byte for byte what React Email's render() gives for the same
 * props, in microseconds instead of milliseconds. Each "shape" (number of listings, whether the
 * "see all" line shows, number of filter lines, the attributions) is rendered once with render()
 * itself, placeholders in every string slot (see template.ts); a digest is then its shape's fixed
 * parts joined with its own values, escaped as React escapes them.
 *
 * Substituting is exact only for values both renderers pass through unchanged apart from that
 * escaping. html-to-text (the plain-text part) collapses whitespace, so a text value must be
 * non-empty words separated by single spaces; an href must be an http(s) URL with no whitespace
 * (React rewrites javascript: URLs, html-to-text drops "#…" and "mailto:"); link text must not
 * look like a URL (html-to-text hides an href equal to its text). Any other digest, and any shape
 * whose template fails those checks, is rendered by render() itself: slower, never different.
 */
async function renderDigestBody(
  state: RendererState,
  props: WeeklyDigestProps,
): Promise<{ html: string; text: string }> {
  const { shapes, stats } = state;
  const fallback = (p: WeeklyDigestProps) => renderFallback(stats, p);
  const globals = globalSlots(props);
  if (!globals.every(([value, kind]) => isSafe(value, kind))) return fallback(props);
  const showMore = props.totalMatches - props.listings.length > 0;
  const key = `${showMore ? 1 : 0}|${props.filters.length}|${props.attributions.length ? JSON.stringify(props.attributions) : ""}`;
  let shape = shapes.get(key);
  if (!shape) {
    shape = compileShape(state, props, showMore).catch(() => null);
    shapes.set(key, shape);
  }
  const compiled = await shape;
  if (!compiled) return fallback(props);
  const cards = props.listings.map((card) => CARD_FIELDS.map(([name]) => card[name]));
  if (!cards.every((fields) => fields.every((value, f) => isSafe(value, CARD_FIELDS[f]![1])))) return fallback(props);
  const values = globals.map(([value]) => value);
  const htmlValues = globals.map(([value, kind]) => (kind === "preview" ? previewHtml(value) : escapeHtml(value)));
  const upperValues = values.map((value) => value.toUpperCase());
  const { html, text } = compiled;
  stats.fast++;
  return {
    html:
      fillSegment(html.head, htmlValues) +
      cards.map((fields) => fillSegment(html.item, fields.map(escapeHtml))).join(html.between) +
      fillSegment(html.tail, htmlValues),
    text:
      fillSegment(text.head, values, upperValues) +
      cards.map((fields) => fillSegment(text.item, fields)).join(text.between) +
      fillSegment(text.tail, values, upperValues),
  };
}

interface CompiledShape {
  html: RepeatingTemplate;
  text: RepeatingTemplate;
}

/** A number no digest template contains, standing in for totalMatches (the template does arithmetic on it). */
const NUMBER_PLACEHOLDER = 987_654_321;
/** @react-email/preview cuts the preview at 150 characters and pads shorter ones with this, repeated. */
const PREVIEW_MAX_LENGTH = 150;
const PREVIEW_PADDING = "\u00a0\u200c\u200b\u200d\u200e\u200f\ufeff";

/** Renders the shape with one card and with two (placeholders everywhere) and derives the repeating template. */
async function compileShape(state: RendererState, props: WeeklyDigestProps, showMore: boolean): Promise<CompiledShape> {
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
    return {
      html: splitTemplate(swapNumber(rendered.html), kinds, "html"),
      text: splitTemplate(swapNumber(rendered.text), kinds, "text"),
    };
  };
  const [one, two] = await Promise.all([build(1), build(2)]);
  const firstCardSlot = globalSlotCount(props);
  const html = repeatingTemplate(one.html, two.html, firstCardSlot, CARD_SLOTS);
  const text = repeatingTemplate(one.text, two.text, firstCardSlot, CARD_SLOTS);
  if (text.item.upper.some(Boolean)) throw new Error("a card field is upper-cased in the text part");
  state.stats.shapes++;
  return { html, text };
}

async function renderFallback(stats: RenderStats, props: WeeklyDigestProps) {
  stats.fallback++;
  return renderEmail(createElement(WeeklyDigest, props));
}

/** What <Preview> renders for a preview text: cut at 150 UTF-16 units, escaped, padded when shorter. */
function previewHtml(value: string): string {
  // The renderer's UTF-8 round trip turns a surrogate half left by the cut (or any lone one) into U+FFFD.
  const text = value.substring(0, PREVIEW_MAX_LENGTH).replace(/[\uD800-\uDFFF]/gu, "\ufffd");
  const html = escapeHtml(text);
  const pad = PREVIEW_MAX_LENGTH - value.substring(0, PREVIEW_MAX_LENGTH).length;
  return pad > 0 ? `${html}<div>${PREVIEW_PADDING.repeat(pad)}</div>` : html;
}
