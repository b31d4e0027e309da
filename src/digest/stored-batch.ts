import { sameCard, type DigestListing, type ListingCard } from "../../emails/_components/listing-card";
import type { DigestFilter, WeeklyDigestProps } from "../../emails/weekly-digest";
import type { StoredDigest } from "./compose";

/**
 * What the digests of one batch share, kept once per batch (table `delivery_batches`): the
 * listings they name. A hundred digests name ~1,400 distinct listings in their "see all" lists
 * and ~550 distinct cards in their emails, against 19,000 and 2,000 mentions. No personal data.
 */
export interface BatchListings {
  /** Every listing a digest of the batch names, by position. */
  ids: string[];
  /** The card of each listing shown in an email, by position in `ids`. */
  cards: Record<string, ListingCard>;
}

/** One card in a packed digest: the batch position, then what is this subscriber's own. */
type PackedListing = [position: number, posted: string, why: string, card?: ListingCard];

/** A digest's ledger content with the batch's shared listings referenced by position. */
export interface PackedDigest extends Omit<StoredDigest, "props"> {
  v: 2;
  props: Omit<WeeklyDigestProps, "listings"> & { listings: PackedListing[] };
}

export interface BatchItem {
  /** The listings in the email, in order (one per `payload.props.listings` entry). */
  listingIds: string[];
  /** Every listing that matched, ranked. */
  matchedIds: string[];
  payload: StoredDigest;
}

/**
 * Packs a batch's content for the ledger: each listing named once for the batch, each digest
 * keeping positions and its own words. A filter's change link, which is the preferences link
 * plus "#field-…", keeps only that fragment. unpackDigest gives back exactly what went in.
 */
export function packBatch(items: BatchItem[]): { listings: BatchListings; digests: { matched: number[]; payload: PackedDigest }[] } {
  const listings: BatchListings = { ids: [], cards: {} };
  const positions = new Map<string, number>();
  const positionOf = (id: string) => {
    let p = positions.get(id);
    if (p === undefined) positions.set(id, (p = listings.ids.push(id) - 1));
    return p;
  };
  const digests = items.map(({ listingIds, matchedIds, payload }) => {
    const { props } = payload;
    const packedListings = props.listings.map((listing, k): PackedListing => {
      const position = positionOf(listingIds[k]!);
      const shared = listings.cards[position];
      if (!shared) listings.cards[position] = cardOf(listing);
      // A card that differs from the batch's (never expected: cards depend on the listing alone) travels whole.
      return shared && !sameCard(shared, listing) ? [position, listing.posted, listing.why, cardOf(listing)] : [position, listing.posted, listing.why];
    });
    const filters = props.filters.map((f) => ({ ...f, changeUrl: relativeTo(props.preferencesUrl, f.changeUrl) }));
    return { matched: matchedIds.map(positionOf), payload: { v: 2 as const, ...payload, props: { ...props, listings: packedListings, filters } } };
  });
  return { listings, digests };
}

/** The matched listing ids of a packed digest. */
export function unpackMatched(matched: number[], listings: BatchListings): string[] {
  return matched.map((p) => listings.ids[p]!);
}

/** A stored digest as composed, from its ledger content (packed or, from older versions, whole). */
export function unpackDigest(payload: PackedDigest | StoredDigest, listings: BatchListings | null): StoredDigest | null {
  if (!isPacked(payload)) return payload;
  if (!listings) return null;
  const { v: _v, props, ...message } = payload;
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

/** The listing's own fields (a copy is made only for the first digest of the batch that shows it). */
function cardOf({ posted: _posted, why: _why, ...card }: DigestListing): ListingCard {
  return card;
}
