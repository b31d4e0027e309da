import { sameCard, type DigestListing, type ListingCard } from "../../emails/_components/listing-card";
import type { DigestFilter, WeeklyDigestProps } from "../../emails/weekly-digest";
import type { StoredDigest } from "./compose";
import type { ListingSnapshot, StoredPositions } from "./listing-snapshot";
import { encodePositions } from "./positions-text";

/**
 * The listings a batch's digests refer to by position: from its listing snapshot (see
 * listing-snapshot.ts), or, for batches written by earlier versions, kept with the batch (table
 * `delivery_batches`). No personal data.
 */
export interface BatchListings {
  /** Every listing a digest of the batch names, by position (sparse when read for a few positions). */
  ids: string[];
  /** The card of each listing shown in an email, by position (a snapshot keeps no card for the others). */
  cards: Record<string, ListingCard>;
}

/** One card in a packed digest (v2): the position, then what is this subscriber's own. */
type PackedListingV2 = [position: number, posted: string, why: string, card?: ListingCard];

/** A digest's ledger content with the listings referenced by position (written before v3). */
interface PackedDigestV2 extends Omit<StoredDigest, "props"> {
  v: 2;
  props: Omit<WeeklyDigestProps, "listings"> & { listings: PackedListingV2[] };
}

/**
 * One card in a v3 digest: its position, the day posted and the "why" line, each of those two a
 * string or, when it repeats an earlier card's, that card's index (a digest's twenty cards share
 * a few of each); a card that differs from the snapshot's travels whole.
 */
type PackedListing = [position: number, posted: string | number, why: string | number, card?: ListingCard];

/**
 * A filter line in a v3 digest: its value alone when label and change link are those of the
 * standard line at its place (STANDARD_FILTERS), else the whole line.
 */
type PackedFilter = string | [label: string, value: string, changeUrl: string];

/**
 * A digest's ledger content, v3: the v2 form without what follows from the rest by the fixed rules
 * below (each left out only when it equals what the rule gives, so any digest packs exactly): the
 * subject when it is the heading, the RFC 8058 headers for the unsubscribe link, the "kind" tag,
 * the "see all" and pause links derived from the preferences link, the preview naming the first
 * two listings, the standard filter labels and links, the Remote OK credit. ~1.7 KB where v2 took
 * ~3.4 KB: with the matches as digits and no listing ids on the row, a 100,000-subscriber run
 * writes ~300 MB less.
 */
interface PackedDigestV3 {
  v: 3;
  to: string;
  from: string;
  subject?: string;
  headers?: Record<string, string>;
  tags?: StoredDigest["tags"];
  props: Omit<WeeklyDigestProps, "listings" | "filters" | "seeAllUrl" | "pauseUrl" | "previewText" | "attributions"> & {
    listings: PackedListing[];
    filters: PackedFilter[];
    seeAllUrl?: string;
    pauseUrl?: string;
    previewText?: string;
    /** Left out when none; "remoteok" for the Remote OK credit alone. */
    attributions?: WeeklyDigestProps["attributions"] | typeof REMOTE_OK_KEY;
  };
}

export type PackedDigest = PackedDigestV2 | PackedDigestV3;

export interface BatchItem {
  /** The snapshot positions of the listings in the email, in order (one per `payload.props.listings` entry). */
  shown: ArrayLike<number>;
  /** The snapshot positions of every listing that matched, ranked. */
  matched: ArrayLike<number>;
  payload: StoredDigest;
}

/**
 * Packs a batch's content for the ledger: each digest keeps positions in the snapshot and its own
 * words (PackedDigestV3); `unstored` are the positions the batch must write into the snapshot
 * (see ListingSnapshot). `matched` is the ledger's text for the ranked matches (encodePositions).
 * unpackDigest gives back exactly what went in.
 */
export function packBatch(items: BatchItem[], snapshot: ListingSnapshot): { unstored: StoredPositions; digests: { matched: string; payload: PackedDigestV3 | StoredDigest }[] } {
  const unstored = snapshot.unstored(
    items.map((item) => item.shown),
    items.map((item) => item.matched),
  );
  const digests = items.map(({ shown, matched, payload }) => ({ matched: JSON.stringify(encodePositions(matched)), payload: packDigest(payload, shown, snapshot) }));
  return { unstored, digests };
}

// The rules v3 leaves values out by. Fixed with the format, not taken from the code that composes
// digests: should that change, its digests pack whole where they differ, and what is already in
// the ledger unpacks to the same bytes as before.
const KIND_TAG = "digest";
const ONE_CLICK = "List-Unsubscribe=One-Click";
/** The filter lines describePreferences writes, in order: label and form field (a test holds the two together). */
export const STANDARD_FILTERS: readonly (readonly [label: string, field: string])[] = [
  ["Focus", "focus"],
  ["Stacks", "stacks"],
  ["Seniority", "seniority"],
  ["Salary", "minSalaryUsd"],
  ["Working from", "country"],
  ["Employers", "employerTypes"],
  ["Must mention", "mustHave"],
  ["Leave out", "excludeKeywords"],
  ["Delivery", "sendWeekday"],
];
const REMOTE_OK_KEY = "remoteok";
const REMOTE_OK = { text: "Some jobs via Remote OK:", href: "https://remoteok.com" };
/** digestPreview's rule (format.ts), on the cards: "A at X, B at Y, and 18 more". */
function previewFrom(cards: readonly DigestListing[]): string {
  const named = cards.slice(0, 2).map((c) => `${c.title} at ${c.company}`);
  const rest = cards.length - named.length;
  return rest > 0 ? `${named.join(", ")}, and ${rest} more` : named.join(" and ");
}
const seeAllFrom = (preferencesUrl: string) => preferencesUrl.replace("/preferences/", "/digest/");
const pauseFrom = (preferencesUrl: string) => `${preferencesUrl}#pause`;
const standardChange = (preferencesUrl: string, k: number) => `${preferencesUrl}#field-${STANDARD_FILTERS[k]![1]}`;

function packDigest(payload: StoredDigest, shown: ArrayLike<number>, snapshot: ListingSnapshot): PackedDigestV3 | StoredDigest {
  // Unpacking writes every object's keys in the order compose.ts does: content of any other shape
  // (never expected) is kept whole, so it too comes back byte for byte.
  if (!composedShape(payload)) return payload;
  const { props } = payload;
  const base = props.preferencesUrl;
  const cards = props.listings;
  const listings = new Array<PackedListing>(cards.length);
  for (let k = 0; k < cards.length; k++) {
    const card = cards[k]!;
    const position = shown[k]!;
    const posted = earlier(cards, k, "posted");
    const why = earlier(cards, k, "why");
    // A card that differs from the snapshot's (never expected: cards depend on the listing alone) travels whole.
    listings[k] = sameCard(snapshot.card(position), card) ? [position, posted, why] : [position, posted, why, cardOf(card)];
  }
  const filters = props.filters.map((f, k): PackedFilter => (isStandardFilter(f, k, base) ? f.value : [f.label, f.value, f.changeUrl]));
  // Keys in the order unpacking writes them too: the message must come back byte for byte.
  const unsubscribe = sameKeys(payload.headers, HEADER_KEYS) && payload.headers["List-Unsubscribe"] === `<${props.unsubscribeUrl}>` && payload.headers["List-Unsubscribe-Post"] === ONE_CLICK;
  const kindTag = payload.tags.length === 1 && sameKeys(payload.tags[0]!, TAG_KEYS) && payload.tags[0]!.name === "kind" && payload.tags[0]!.value === KIND_TAG;
  // Left out as undefined: JSON.stringify, which writes the ledger's text, drops those keys.
  return {
    v: 3,
    to: payload.to,
    from: payload.from,
    subject: payload.subject === props.heading ? undefined : payload.subject,
    headers: unsubscribe ? undefined : payload.headers,
    tags: kindTag ? undefined : payload.tags,
    props: {
      heading: props.heading,
      previewText: props.previewText === previewFrom(cards) ? undefined : props.previewText,
      listings,
      totalMatches: props.totalMatches,
      seeAllUrl: props.seeAllUrl === seeAllFrom(base) ? undefined : props.seeAllUrl,
      filters,
      preferencesUrl: base,
      pauseUrl: props.pauseUrl === pauseFrom(base) ? undefined : props.pauseUrl,
      unsubscribeUrl: props.unsubscribeUrl,
      attributions: packAttributions(props.attributions),
    },
  };
}

const STORED_KEYS = ["to", "from", "subject", "headers", "tags", "props"];
const PROPS_KEYS = ["heading", "previewText", "listings", "totalMatches", "seeAllUrl", "filters", "preferencesUrl", "pauseUrl", "unsubscribeUrl", "attributions"];
const CARD_KEYS = ["title", "company", "url", "salary", "stack", "remote", "posted", "source", "why"];
const FILTER_KEYS = ["label", "value", "changeUrl"];
const HEADER_KEYS = ["List-Unsubscribe", "List-Unsubscribe-Post"];
const TAG_KEYS = ["name", "value"];
const ATTRIBUTION_KEYS = ["text", "href"];

/** Whether the content has the keys, in the order, and the text fields digestProps and storedDigest give it. */
function composedShape(payload: StoredDigest): boolean {
  const { props } = payload;
  if (!sameKeys(payload, STORED_KEYS) || !sameKeys(props, PROPS_KEYS) || !Array.isArray(props.listings) || !Array.isArray(props.filters)) return false;
  for (const card of props.listings) if (!sameKeys(card, CARD_KEYS) || typeof card.posted !== "string" || typeof card.why !== "string") return false;
  for (const filter of props.filters) if (!sameKeys(filter, FILTER_KEYS)) return false;
  return true;
}

/** Whether an object has exactly these keys, in this order. */
function sameKeys(object: object, keys: readonly string[]): boolean {
  let k = 0;
  for (const key in object) if (key !== keys[k++]) return false;
  return k === keys.length;
}

function packAttributions(list: WeeklyDigestProps["attributions"]): PackedDigestV3["props"]["attributions"] {
  if (list.length === 0) return undefined;
  const [only] = list;
  return list.length === 1 && sameKeys(only!, ATTRIBUTION_KEYS) && only!.text === REMOTE_OK.text && only!.href === REMOTE_OK.href ? REMOTE_OK_KEY : list;
}

function unpackAttributions(packed: PackedDigestV3["props"]["attributions"]): WeeklyDigestProps["attributions"] {
  return packed === undefined ? [] : packed === REMOTE_OK_KEY ? [{ text: REMOTE_OK.text, href: REMOTE_OK.href }] : packed;
}

/** Whether a filter line is the standard one at its place. */
function isStandardFilter(f: DigestFilter, k: number, base: string): boolean {
  const standard = STANDARD_FILTERS[k];
  return standard !== undefined && f.label === standard[0] && typeof f.value === "string" && f.changeUrl === standardChange(base, k);
}

/** The index of an earlier card with the same value of `field`, or the value itself when none has it. */
function earlier(cards: DigestListing[], k: number, field: "posted" | "why"): string | number {
  const value = cards[k]![field];
  for (let j = 0; j < k; j++) if (cards[j]![field] === value) return j;
  return value;
}

/** The positions of the listings in a packed digest's email, in order. */
export function shownPositions(payload: PackedDigest): number[] {
  return payload.props.listings.map(([position]) => position);
}

/** The matched listing ids of a packed digest (those the ledger still has). */
export function unpackMatched(matched: number[], listings: BatchListings): string[] {
  return matched.map((p) => listings.ids[p]).filter((id): id is string => id !== undefined);
}

/** A stored digest as composed, from its ledger content (packed, v2 or v3, or from older versions whole). */
export function unpackDigest(payload: PackedDigest | StoredDigest, listings: BatchListings | null): StoredDigest | null {
  if (!isPacked(payload)) return payload;
  if (!listings) return null;
  // A listing the ledger lost (a snapshot deleted while its run still referred to it): the exact
  // message cannot be rebuilt, so none is (recovery then marks the batch unknown, never guesses).
  if (payload.props.listings.some(([position, , , own]) => !own && !listings.cards[position])) return null;
  const cards: DigestListing[] = [];
  for (const [position, posted, why, own] of payload.props.listings) {
    const card = own ?? listings.cards[position]!;
    // The key order digestProps uses, so the object is the one composed, not merely equal to it.
    cards.push({ title: card.title, company: card.company, url: card.url, salary: card.salary, stack: card.stack, remote: card.remote, posted: ownText(cards, posted, "posted"), source: card.source, why: ownText(cards, why, "why") });
  }
  return payload.v === 2 ? unpackV2(payload, cards) : unpackV3(payload, cards);
}

/** A card's own text in a packed digest: the text, or the index of the earlier card it repeats (v3). */
const ownText = (cards: DigestListing[], text: string | number, field: "posted" | "why") => (typeof text === "number" ? cards[text]![field] : text);

function unpackV2(payload: PackedDigestV2, cards: DigestListing[]): StoredDigest {
  const { v: _v, props, ...message } = payload;
  const filters = props.filters.map((f): DigestFilter => ({ label: f.label, value: f.value, changeUrl: absoluteFrom(props.preferencesUrl, f.changeUrl) }));
  return { ...message, props: wholeProps(props, cards, filters) };
}

function unpackV3(payload: PackedDigestV3, cards: DigestListing[]): StoredDigest {
  const { props } = payload;
  const base = props.preferencesUrl;
  const filters = props.filters.map((f, k): DigestFilter => (typeof f === "string" ? { label: STANDARD_FILTERS[k]![0], value: f, changeUrl: standardChange(base, k) } : { label: f[0], value: f[1], changeUrl: f[2] }));
  // A key is left out only when the rule gives its value (a null kept is a null given back).
  const or = <T>(kept: T | undefined, rule: () => T): T => (kept !== undefined ? kept : rule());
  return {
    to: payload.to,
    from: payload.from,
    subject: or(payload.subject, () => props.heading),
    headers: or(payload.headers, () => ({ "List-Unsubscribe": `<${props.unsubscribeUrl}>`, "List-Unsubscribe-Post": ONE_CLICK })),
    tags: or(payload.tags, () => [{ name: "kind", value: KIND_TAG }]),
    props: {
      heading: props.heading,
      previewText: or(props.previewText, () => previewFrom(cards)),
      listings: cards,
      totalMatches: props.totalMatches,
      seeAllUrl: or(props.seeAllUrl, () => seeAllFrom(base)),
      filters,
      preferencesUrl: base,
      pauseUrl: or(props.pauseUrl, () => pauseFrom(base)),
      unsubscribeUrl: props.unsubscribeUrl,
      attributions: unpackAttributions(props.attributions),
    },
  };
}

/** The template props in the order digestProps gives them (the same object, not merely an equal one). */
function wholeProps(props: PackedDigestV2["props"], listings: DigestListing[], filters: DigestFilter[]): WeeklyDigestProps {
  return {
    heading: props.heading,
    previewText: props.previewText,
    listings,
    totalMatches: props.totalMatches,
    seeAllUrl: props.seeAllUrl,
    filters,
    preferencesUrl: props.preferencesUrl,
    pauseUrl: props.pauseUrl,
    unsubscribeUrl: props.unsubscribeUrl,
    attributions: props.attributions,
  };
}

export function isPacked(payload: PackedDigest | StoredDigest): payload is PackedDigest {
  const v = (payload as PackedDigest).v;
  return v === 2 || v === 3;
}

// A fragment starts with "#"; a whole URL never does.
const absoluteFrom = (base: string, url: string) => (url.startsWith("#") ? `${base}${url}` : url);

/** The listing's own fields. */
function cardOf({ posted: _posted, why: _why, ...card }: DigestListing): ListingCard {
  return card;
}
