import { describe, expect, it } from "vitest";
import type { ListingCard } from "../../../emails/_components/listing-card";
import { emailFromStored, type StoredDigest } from "../../../src/digest/compose";
import { ListingSnapshot, type StoredPositions } from "../../../src/digest/listing-snapshot";
import { isPacked, packBatch, unpackDigest, unpackMatched, type BatchItem, type BatchListings } from "../../../src/digest/stored-batch";
import { generateDigest, type Mode } from "../digest-render/generate";

/**
 * Generated digests whose listings overlap, as real batches do, and the pool they come from: a
 * listing per url, its card the first one generated for it (a later digest whose card for the
 * same url differs must keep its own).
 */
function generated(mode: Mode, seeds: number[]) {
  const pool: { id: string; card: ListingCard }[] = [];
  const positionOf = new Map<string, number>();
  const position = (url: string, card: ListingCard) => {
    let p = positionOf.get(url);
    if (p === undefined) positionOf.set(url, (p = pool.push({ id: `listing:${url}`, card }) - 1));
    return p;
  };
  const items: (BatchItem & { shown: number[]; matched: Int32Array })[] = seeds.map((seed) => {
    const props = generateDigest(seed, mode);
    const payload: StoredDigest = { to: `reader${seed}@example.com`, from: "Backend Weekly <digest@weekly.example.com>", subject: props.heading, headers: { "List-Unsubscribe": `<${props.unsubscribeUrl}>` }, tags: [{ name: "kind", value: "digest" }], props };
    const shown = props.listings.map(({ posted: _p, why: _w, ...card }) => position(card.url, card));
    const extra = (name: string) => position(name, { title: name, company: "c", url: name, salary: "s", stack: "t", remote: "r", source: "o" });
    return { shown, matched: Int32Array.from([...shown, extra(`extra-${seed % 7}`), extra("shared")]), payload };
  });
  const snapshot = new ListingSnapshot(
    pool.length,
    (p) => pool[p]!.id,
    (p) => pool[p]!.card,
  );
  return { items, snapshot, pool };
}

/** What the ledger holds for these positions of the snapshot, read back as loadBatchListings does: cards only for `withCard`. */
function stored(snapshot: ListingSnapshot, { withCard, idOnly }: StoredPositions): BatchListings {
  const listings: BatchListings = { ids: [], cards: {} };
  for (const p of [...withCard, ...idOnly]) listings.ids[p] = snapshot.id(p);
  for (const p of withCard) listings.cards[p] = JSON.parse(JSON.stringify(snapshot.card(p))) as ListingCard;
  return listings;
}

const unique = (...lists: ArrayLike<number>[]) => [...new Set(lists.flatMap((l) => Array.from(l)))];

describe("packing a batch's ledger content", () => {
  it.each<Mode>(["ordinary", "hostile", "unsafe"])("gives back exactly the digests and matches that went in, and the same message bytes (%s digests)", async (mode) => {
    const { items, snapshot, pool } = generated(mode, Array.from({ length: 40 }, (_, i) => i + 1));
    const packed = packBatch(items, snapshot);
    const listings = stored(snapshot, packed.unstored);
    // Through JSON, as the ledger stores it.
    const digests = JSON.parse(JSON.stringify(packed.digests)) as typeof packed.digests;
    for (const [i, item] of items.entries()) {
      const { matched, payload } = digests[i]!;
      expect(isPacked(payload)).toBe(true);
      // A filter's change link is kept as its fragment when it is the preferences link plus one.
      payload.props.filters.forEach((f, k) => {
        const whole = item.payload.props.filters[k]!.changeUrl;
        expect(f.changeUrl).toBe(whole.startsWith(`${item.payload.props.preferencesUrl}#`) ? whole.slice(item.payload.props.preferencesUrl.length) : whole);
      });
      const back = unpackDigest(payload, listings)!;
      expect(back).toEqual(item.payload);
      expect(JSON.stringify(back)).toBe(JSON.stringify(item.payload)); // the same keys in the same order
      expect(matched).toBe(JSON.stringify(Array.from(item.matched)));
      expect(unpackMatched(JSON.parse(matched) as number[], listings)).toEqual(Array.from(item.matched, (p) => pool[p]!.id));
      expect(await emailFromStored(back)).toEqual(await emailFromStored(item.payload));
    }
  }, 60_000);

  it("keeps a card that differs from the snapshot's with its digest, and only that one", () => {
    const { items, snapshot } = generated("ordinary", [3, 3]);
    const [a, b] = items;
    b!.payload = { ...b!.payload, props: { ...b!.payload.props, listings: b!.payload.props.listings.map((l, k) => (k === 0 ? { ...l, title: "Changed title" } : l)) } };
    const { unstored, digests } = packBatch([a!, b!], snapshot);
    const listings = stored(snapshot, unstored);
    expect(digests[0]!.payload.props.listings.every((l) => l.length === 3)).toBe(true);
    expect(digests[1]!.payload.props.listings.map((l) => l.length)).toEqual(b!.payload.props.listings.map((_, k) => (k === 0 ? 4 : 3)));
    expect(unpackDigest(digests[1]!.payload, listings)).toEqual(b!.payload);
    expect(unpackDigest(digests[0]!.payload, listings)).toEqual(a!.payload);
  });

  it("names each listing for the ledger once, and again only while the batch that named it has not committed", () => {
    const { items, snapshot } = generated("ordinary", [1, 2, 3, 4]);
    const [a, b, c, d] = items;
    // Shown listings with their card; those only in "see all" lists with their id alone.
    const first = packBatch([a!, b!], snapshot).unstored;
    expect(first.withCard).toEqual(unique(a!.shown, b!.shown));
    expect(first.idOnly).toEqual(unique(a!.matched, b!.matched).filter((p) => !first.withCard.includes(p)));
    // Not committed yet: a batch packed meanwhile names the same listings again (the insert ignores doubles).
    const meanwhile = packBatch([c!], snapshot).unstored;
    expect(meanwhile.withCard).toEqual(unique(c!.shown));
    expect(meanwhile.idOnly).toEqual(unique(c!.matched).filter((p) => !c!.shown.includes(p)));
    snapshot.markStored(first);
    const after = packBatch([c!, d!], snapshot).unstored;
    // A listing stored with its id alone is written again with its card once a batch shows it.
    expect(after.withCard).toEqual(unique(c!.shown, d!.shown).filter((p) => !first.withCard.includes(p)));
    expect(after.idOnly).toEqual(unique(c!.matched, d!.matched).filter((p) => !first.withCard.includes(p) && !first.idOnly.includes(p) && !after.withCard.includes(p)));
    expect(after.withCard.some((p) => first.idOnly.includes(p)) || unique(c!.shown, d!.shown).every((p) => !first.idOnly.includes(p))).toBe(true);
  });

  it("reads content written whole by earlier versions as it is, and refuses packed content without its listings", () => {
    const { items, snapshot } = generated("ordinary", [5]);
    expect(unpackDigest(items[0]!.payload, null)).toBe(items[0]!.payload);
    const { unstored, digests } = packBatch(items, snapshot);
    expect(unpackDigest(digests[0]!.payload, null)).toBeNull();
    // One listing the ledger no longer has: no message is rebuilt rather than a wrong one.
    const missing = stored(snapshot, { withCard: unstored.withCard.filter((p) => p !== items[0]!.shown[0]), idOnly: unstored.idOnly });
    expect(unpackDigest(digests[0]!.payload, missing)).toBeNull();
    // Its id is gone too (a whole row missing): the "see all" list skips it.
    const gone = stored(snapshot, { withCard: unstored.withCard.filter((p) => p !== items[0]!.shown[0]), idOnly: unstored.idOnly.filter((p) => p !== items[0]!.shown[0]) });
    expect(unpackMatched(JSON.parse(digests[0]!.matched) as number[], gone)).toEqual(Array.from(items[0]!.matched).filter((p) => p !== items[0]!.shown[0]).map((p) => `listing:${snapshot.card(p).url}`));
  });
});
