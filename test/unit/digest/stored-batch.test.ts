import { describe, expect, it } from "vitest";
import { sameCard, type ListingCard } from "../../../emails/_components/listing-card";
import { emailFromStored, type StoredDigest } from "../../../src/digest/compose";
import { ListingSnapshot, type StoredPositions } from "../../../src/digest/listing-snapshot";
import { decodePositions } from "../../../src/digest/positions-text";
import { isPacked, packBatch, unpackDigest, unpackMatched, type BatchItem, type BatchListings, type PackedDigest, STANDARD_FILTERS } from "../../../src/digest/stored-batch";
import type { ListingRow } from "../../../db/schema";
import { digestPreview } from "../../../src/digest/format";
import { describePreferences } from "../../../src/subscribers/describe";
import { DEFAULT_PREFERENCES } from "../../../src/subscribers/preferences";
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
    // The preview digestPreview writes (format.ts), now and then.
    if (seed % 3 === 0) props.previewText = previewOf(props.listings);
    // As composed (compose.ts), and now and then with a subject, headers or tags of its own.
    const payload: StoredDigest = {
      to: `reader${seed}@example.com`,
      from: "Backend Weekly <digest@weekly.example.com>",
      subject: seed % 7 === 0 ? `Re: ${props.heading}` : props.heading,
      headers: seed % 5 === 0 ? { "List-Unsubscribe": `<${props.unsubscribeUrl}>` } : { "List-Unsubscribe": `<${props.unsubscribeUrl}>`, "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      tags: seed % 11 === 0 ? [{ name: "kind", value: "digest-test" }] : [{ name: "kind", value: "digest" }],
      props,
    };
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

/** A payload packBatch packed (it keeps content of an unexpected shape whole). */
function asPacked(payload: PackedDigest | StoredDigest): PackedDigest {
  expect(isPacked(payload)).toBe(true);
  return payload as PackedDigest;
}

/** digestPreview's words (src/digest/format.ts) for these cards. */
function previewOf(cards: { title: string; company: string }[]): string {
  const named = cards.slice(0, 2).map((c) => `${c.title} at ${c.company}`);
  return cards.length > 2 ? `${named.join(", ")}, and ${cards.length - 2} more` : named.join(" and ");
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
      // A filter line at its standard place with the standard label and link keeps its value alone.
      payload.props.filters.forEach((f, k) => {
        const whole = item.payload.props.filters[k]!;
        if (typeof f === "string") expect(whole).toEqual({ label: STANDARD_FILTERS[k]![0], value: f, changeUrl: `${item.payload.props.preferencesUrl}#field-${STANDARD_FILTERS[k]![1]}` });
        else expect(f).toEqual([whole.label, whole.value, whole.changeUrl]);
      });
      const back = unpackDigest(payload, listings)!;
      expect(back).toEqual(item.payload);
      expect(JSON.stringify(back)).toBe(JSON.stringify(item.payload)); // the same keys in the same order
      expect(decodePositions(JSON.parse(matched) as string)).toEqual(Array.from(item.matched));
      expect(unpackMatched(decodePositions(JSON.parse(matched) as string), listings)).toEqual(Array.from(item.matched, (p) => pool[p]!.id));
      expect(await emailFromStored(back)).toEqual(await emailFromStored(item.payload));
    }
  }, 60_000);

  it("keeps a card that differs from the snapshot's with its digest, and only that one", () => {
    const { items, snapshot } = generated("ordinary", [3, 3]);
    const [a, b] = items;
    b!.payload = { ...b!.payload, props: { ...b!.payload.props, listings: b!.payload.props.listings.map((l, k) => (k === 0 ? { ...l, title: "Changed title" } : l)) } };
    const { unstored, digests } = packBatch([a!, b!], snapshot);
    const listings = stored(snapshot, unstored);
    expect(asPacked(digests[0]!.payload).props.listings.every((l) => l.length === 3)).toBe(true);
    expect(asPacked(digests[1]!.payload).props.listings.map((l) => l.length)).toEqual(b!.payload.props.listings.map((_, k) => (k === 0 ? 4 : 3)));
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
    expect(unpackMatched(decodePositions(JSON.parse(digests[0]!.matched) as string), gone)).toEqual(Array.from(items[0]!.matched).filter((p) => p !== items[0]!.shown[0]).map((p) => `listing:${snapshot.card(p).url}`));
  });

  it("leaves out what follows from the rest by v3's rules, and keeps whatever does not", () => {
    const { items, snapshot } = generated("ordinary", Array.from({ length: 60 }, (_, i) => i + 1));
    const { digests } = packBatch(items, snapshot);
    for (const [i, item] of items.entries()) {
      const text = JSON.stringify(digests[i]!.payload);
      const packed = JSON.parse(text) as Record<string, unknown> & { props: Record<string, unknown> };
      const { payload } = item;
      expect("subject" in packed).toBe(payload.subject !== payload.props.heading);
      expect("headers" in packed).toBe(Object.keys(payload.headers).length !== 2);
      expect("tags" in packed).toBe(payload.tags[0]!.value !== "digest");
      expect("seeAllUrl" in packed.props).toBe(payload.props.seeAllUrl !== payload.props.preferencesUrl.replace("/preferences/", "/digest/"));
      expect("pauseUrl" in packed.props).toBe(false);
      expect("previewText" in packed.props).toBe(payload.props.previewText !== previewOf(payload.props.listings));
      const credit = [{ text: "Some jobs via Remote OK:", href: "https://remoteok.com" }];
      expect(packed.props.attributions).toEqual(payload.props.attributions.length === 0 ? undefined : JSON.stringify(payload.props.attributions) === JSON.stringify(credit) ? "remoteok" : payload.props.attributions);
      // Repeated days and "why" lines refer to the first card that has them.
      expect(text.length).toBeLessThan(JSON.stringify(payload).length);
    }
    expect(digests.some((d) => asPacked(d.payload).props.listings.some(([, posted, why]) => typeof posted === "number" && typeof why === "number"))).toBe(true);
  });

  it("keeps headers, tags and credits whose keys come in another order, so the message comes back byte for byte", () => {
    const { items, snapshot } = generated("ordinary", [1]);
    const { payload } = items[0]!;
    payload.headers = { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click", "List-Unsubscribe": `<${payload.props.unsubscribeUrl}>` };
    payload.tags = [{ value: "digest", name: "kind" } as StoredDigest["tags"][number]];
    payload.props.attributions = [{ href: "https://remoteok.com", text: "Some jobs via Remote OK:" } as StoredDigest["props"]["attributions"][number]];
    const { unstored, digests } = packBatch(items, snapshot);
    const packed = JSON.parse(JSON.stringify(digests[0]!.payload)) as typeof digests[0]["payload"];
    expect(packed.headers).toEqual(payload.headers);
    expect(packed.tags).toEqual(payload.tags);
    expect(packed.props.attributions).toEqual(payload.props.attributions);
    expect(JSON.stringify(unpackDigest(packed, stored(snapshot, unstored)))).toBe(JSON.stringify(payload));
  });

  it("keeps content of any other shape whole, and gives it back as it was", () => {
    const { items, snapshot } = generated("hostile", [1, 2, 3, 4, 5]);
    const [extraKey, reordered, nullSubject, hashLink, numberPosted] = items.map((i) => i.payload);
    (extraKey as unknown as Record<string, unknown>).replyTo = "someone@example.com";
    const { heading, ...rest } = reordered!.props;
    reordered!.props = { ...rest, heading } as StoredDigest["props"];
    nullSubject!.subject = null as unknown as string;
    hashLink!.props.filters[0] = { label: "Custom", value: "v", changeUrl: "#x" };
    (numberPosted!.props.listings[1] as unknown as Record<string, unknown>).posted = 0;
    const { unstored, digests } = packBatch(items, snapshot);
    const listings = stored(snapshot, unstored);
    expect(digests.map((d) => isPacked(d.payload))).toEqual([false, false, true, true, false]);
    for (const [i, item] of items.entries()) {
      const back = unpackDigest(JSON.parse(JSON.stringify(digests[i]!.payload)) as PackedDigest, listings);
      expect(JSON.stringify(back)).toBe(JSON.stringify(item.payload));
    }
  });

  it("knows the preview and filter lines compose.ts writes (so a composed digest packs to its own words)", () => {
    const lines = describePreferences(DEFAULT_PREFERENCES);
    const { items, snapshot } = generated("ordinary", [1, 2]);
    for (const { payload } of items) {
      const base = payload.props.preferencesUrl;
      payload.props.filters = lines.map((l) => ({ label: l.label, value: l.value, changeUrl: `${base}#field-${l.field}` }));
      payload.props.previewText = digestPreview(payload.props.listings as unknown as ListingRow[]);
    }
    const { digests } = packBatch(items, snapshot);
    for (const { payload } of digests) {
      expect(payload.props.filters).toEqual(lines.map((l) => l.value));
      expect(payload.props.previewText).toBeUndefined();
    }
    expect(lines.map((l) => [l.label, l.field])).toEqual(STANDARD_FILTERS.map(([label, field]) => [label, field]));
  });

  it("reads digests packed by the previous version (v2) as they were", () => {
    const { items, snapshot } = generated("hostile", [2, 4]);
    const { unstored } = packBatch(items, snapshot);
    const listings = stored(snapshot, unstored);
    for (const item of items) {
      const { props, ...message } = item.payload;
      const base = props.preferencesUrl;
      const v2 = {
        v: 2 as const,
        ...message,
        props: {
          ...props,
          // A card that differs from the snapshot's traveled whole.
          listings: props.listings.map(({ posted, why, ...card }, k) => (sameCard(snapshot.card(item.shown[k]!), card) ? [item.shown[k]!, posted, why] : [item.shown[k]!, posted, why, card]) as [number, string, string, ListingCard?]),
          filters: props.filters.map((f) => ({ ...f, changeUrl: f.changeUrl.startsWith(`${base}#`) ? f.changeUrl.slice(base.length) : f.changeUrl })),
        },
      };
      const back = unpackDigest(JSON.parse(JSON.stringify(v2)) as typeof v2, listings)!;
      expect(JSON.stringify(back)).toBe(JSON.stringify(item.payload));
    }
  });
});
