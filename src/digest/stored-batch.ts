import { sameCard, type DigestListing, type ListingCard } from "../../emails/_components/listing-card";
import type { DigestFilter, WeeklyDigestProps } from "../../emails/weekly-digest";
import type { StoredDigest } from "./compose";
import type { ListingSnapshot, StoredPositions } from "./listing-snapshot";

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

/** One card in a packed digest: the position, then what is this subscriber's own. */
type PackedListing = [position: number, posted: string, why: string, card?: ListingCard];

/** A digest's ledger content with the listings referenced by position. */
export interface PackedDigest extends Omit<StoredDigest, "props"> {
  v: 2;
  props: Omit<WeeklyDigestProps, "listings"> & { listings: PackedListing[] };
}

export interface BatchItem {
  /** The snapshot positions of the listings in the email, in order (one per `payload.props.listings` entry). */
  shown: ArrayLike<number>;
  /** The snapshot positions of every listing that matched, ranked. */
  matched: ArrayLike<number>;
  payload: StoredDigest;
}

/**
 * Packs a batch's content for the ledger: each digest keeps positions in the snapshot and its own
 * words; `unstored` are the positions the batch must write into the snapshot (see
 * ListingSnapshot). A filter's change link, which is the preferences link plus "#field-…", keeps
 * only that fragment. `matched` is JSON text, as the ledger stores it. unpackDigest gives back
 * exactly what went in.
 */
export function packBatch(items: BatchItem[], snapshot: ListingSnapshot): { unstored: StoredPositions; digests: { matched: string; payload: PackedDigest }[] } {
  const unstored = snapshot.unstored(
    items.map((item) => item.shown),
    items.map((item) => item.matched),
  );
  const digests = items.map(({ shown, matched, payload }) => {
    const { props } = payload;
    const packedListings = props.listings.map((listing, k): PackedListing => {
      const position = shown[k]!;
      // A card that differs from the snapshot's (never expected: cards depend on the listing alone) travels whole.
      return sameCard(snapshot.card(position), listing) ? [position, listing.posted, listing.why] : [position, listing.posted, listing.why, cardOf(listing)];
    });
    const filters = props.filters.map((f) => ({ ...f, changeUrl: relativeTo(props.preferencesUrl, f.changeUrl) }));
    return { matched: jsonIntegers(matched), payload: { v: 2 as const, ...payload, props: { ...props, listings: packedListings, filters } } };
  });
  return { unstored, digests };
}

/** The text JSON.stringify gives a list of integers, without making an array of them (~3x faster for a typed array). */
function jsonIntegers(list: ArrayLike<number>): string {
  let text = "[";
  for (let k = 0; k < list.length; k++) text += k === 0 ? `${list[k]}` : `,${list[k]}`;
  return `${text}]`;
}

/** The matched listing ids of a packed digest (those the ledger still has). */
export function unpackMatched(matched: number[], listings: BatchListings): string[] {
  return matched.map((p) => listings.ids[p]).filter((id): id is string => id !== undefined);
}

/** A stored digest as composed, from its ledger content (packed or, from older versions, whole). */
export function unpackDigest(payload: PackedDigest | StoredDigest, listings: BatchListings | null): StoredDigest | null {
  if (!isPacked(payload)) return payload;
  if (!listings) return null;
  const { v: _v, props, ...message } = payload;
  // A listing the ledger lost (a snapshot deleted while its run still referred to it): the exact
  // message cannot be rebuilt, so none is (recovery then marks the batch unknown, never guesses).
  if (props.listings.some(([position, , , own]) => !own && !listings.cards[position])) return null;
  const cards = props.listings.map(([position, posted, why, own]): DigestListing => {
    const card = own ?? listings.cards[position]!;
    // The key order digestProps uses, so the object is the one composed, not merely equal to it.
    return { title: card.title, company: card.company, url: card.url, salary: card.salary, stack: card.stack, remote: card.remote, posted, source: card.source, why };
  });
  const filters = props.filters.map((f): DigestFilter => ({ label: f.label, value: f.value, changeUrl: absoluteFrom(props.preferencesUrl, f.changeUrl) }));
  return {
    ...message,
    props: {
      heading: props.heading,
      previewText: props.previewText,
      listings: cards,
      totalMatches: props.totalMatches,
      seeAllUrl: props.seeAllUrl,
      filters,
      preferencesUrl: props.preferencesUrl,
      pauseUrl: props.pauseUrl,
      unsubscribeUrl: props.unsubscribeUrl,
      attributions: props.attributions,
    },
  };
}

export function isPacked(payload: PackedDigest | StoredDigest): payload is PackedDigest {
  return (payload as PackedDigest).v === 2;
}

// A fragment starts with "#"; a whole URL never does.
const relativeTo = (base: string, url: string) => (url.startsWith(`${base}#`) ? url.slice(base.length) : url);
const absoluteFrom = (base: string, url: string) => (url.startsWith("#") ? `${base}${url}` : url);

/** The listing's own fields. */
function cardOf({ posted: _posted, why: _why, ...card }: DigestListing): ListingCard {
  return card;
}
