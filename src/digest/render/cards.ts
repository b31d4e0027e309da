import { sameCard, type DigestListing, type ListingCard } from "../../../emails/_components/listing-card";
import { escapeHtml } from "./escape";
import { CARD_FIELDS, isSafe, OWN_FIELDS } from "./slots";
import type { RenderStats } from "./stats";
import type { Segment } from "./template";

/** The card's segments (slots are field numbers), and each listing's card made from them so far. */
export interface CardTemplate {
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
  /** The listing as it was filled in (only its own fields are compared, see sameCard). */
  listing: ListingCard;
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

/** The listing's card for this template, filled now or earlier; null when a field cannot be substituted exactly. */
export function cardFragment(template: CardTemplate, card: DigestListing, stats: RenderStats): CardFragment | null {
  const { fragments } = template;
  const known = fragments.get(card.url);
  if (known && sameCard(known.listing, card)) {
    stats.cardsReused++;
    return known;
  }
  const fields = CARD_FIELDS.map(([name]) => card[name]);
  for (let f = 0; f < CARD_FIELDS.length; f++)
    if (!OWN_FIELDS.has(f) && !isSafe(fields[f]!, CARD_FIELDS[f]![1])) return null;
  const fragment = {
    listing: card,
    html: fragmentOf(template.html, fields, escapeHtml),
    text: fragmentOf(template.text, fields, asIs),
  };
  if (fragments.size >= FRAGMENTS_MAX) fragments.clear();
  fragments.set(card.url, fragment);
  stats.cardsFilled++;
  return fragment;
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

export function fillFragment({ runs, own }: Fragment, card: DigestListing, encode: (value: string) => string): string {
  let out = runs[0]!;
  for (let i = 0; i < own.length; i++) out += encode(card[CARD_FIELDS[own[i]!]![0]]) + runs[i + 1]!;
  return out;
}

export const asIs = (value: string) => value;

/**
 * The card template with these segments, shared by every shape that has them (kept in
 * `cardTemplates`, the renderer's, keyed by the segments): shapes differ around the cards, not in
 * them, so a listing's card is filled once whatever the shape.
 */
export function cardTemplateFor(cardTemplates: Map<string, CardTemplate>, html: Segment, text: Segment): CardTemplate {
  const key = JSON.stringify([html, text]);
  let template = cardTemplates.get(key);
  if (!template) cardTemplates.set(key, (template = { html, text, fragments: new Map() }));
  return template;
}
