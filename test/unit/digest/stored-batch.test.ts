import { describe, expect, it } from "vitest";
import { emailFromStored, type StoredDigest } from "../../../src/digest/compose";
import { isPacked, packBatch, unpackDigest, unpackMatched, type BatchItem } from "../../../src/digest/stored-batch";
import { generateDigest, type Mode } from "../digest-render/generate";

/** A batch of generated digests whose listings overlap, as real batches do (ids from the card's url). */
function batch(mode: Mode, seeds: number[]): BatchItem[] {
  return seeds.map((seed) => {
    const props = generateDigest(seed, mode);
    const payload: StoredDigest = { to: `reader${seed}@example.com`, from: "Backend Weekly <digest@weekly.example.com>", subject: props.heading, headers: { "List-Unsubscribe": `<${props.unsubscribeUrl}>` }, tags: [{ name: "kind", value: "digest" }], props };
    const listingIds = props.listings.map((l) => `listing:${l.url}`);
    return { listingIds, matchedIds: [...listingIds, `listing:extra-${seed % 7}`, "listing:shared"], payload };
  });
}

describe("packing a batch's ledger content", () => {
  it.each<Mode>(["ordinary", "hostile", "unsafe"])("gives back exactly the digests and matches that went in, and the same message bytes (%s digests)", async (mode) => {
    const items = batch(mode, Array.from({ length: 40 }, (_, i) => i + 1));
    const packed = packBatch(items);
    // Through JSON, as the ledger stores it.
    const stored = JSON.parse(JSON.stringify(packed)) as typeof packed;
    for (const [i, item] of items.entries()) {
      const { matched, payload } = stored.digests[i]!;
      expect(isPacked(payload)).toBe(true);
      // A filter's change link is kept as its fragment when it is the preferences link plus one.
      payload.props.filters.forEach((f, k) => {
        const whole = item.payload.props.filters[k]!.changeUrl;
        expect(f.changeUrl).toBe(whole.startsWith(`${item.payload.props.preferencesUrl}#`) ? whole.slice(item.payload.props.preferencesUrl.length) : whole);
      });
      const back = unpackDigest(payload, stored.listings)!;
      expect(back).toEqual(item.payload);
      expect(JSON.stringify(back)).toBe(JSON.stringify(item.payload)); // the same keys in the same order
      expect(unpackMatched(matched, stored.listings)).toEqual(item.matchedIds);
      expect(await emailFromStored(back)).toEqual(await emailFromStored(item.payload));
    }
  }, 60_000);

  it("names each listing once for the batch, and keeps a card that differs from the batch's with its digest", () => {
    const [a, b] = batch("ordinary", [3, 3]);
    b!.payload = { ...b!.payload, props: { ...b!.payload.props, listings: b!.payload.props.listings.map((l, k) => (k === 0 ? { ...l, title: "Changed title" } : l)) } };
    const { listings, digests } = packBatch([a!, b!]);
    expect(listings.ids).toEqual([...new Set([...a!.listingIds, ...a!.matchedIds])]);
    expect(unpackDigest(digests[1]!.payload, listings)).toEqual(b!.payload);
    expect(unpackDigest(digests[0]!.payload, listings)).toEqual(a!.payload);
  });

  it("reads content written whole by earlier versions as it is, and refuses packed content without its batch", () => {
    const [item] = batch("ordinary", [5]);
    expect(unpackDigest(item!.payload, null)).toBe(item!.payload);
    expect(unpackDigest(packBatch([item!]).digests[0]!.payload, null)).toBeNull();
  });
});
