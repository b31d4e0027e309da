import type { ListingCard } from "../../emails/_components/listing-card";
import { ledgerId } from "./ledger-id";

/**
 * The listings of one candidate pool as the ledger refers to them: a digest's content names its
 * listings by pool position, and each position's id and card go into `delivery_listings` once,
 * with the first batch that names it. Per batch, that is the ~1,400 listings a hundred digests
 * named (~190 KB) the first time and almost none after; kept once per batch, the same listings
 * were written again by each of the thousand batches of a 100,000-subscriber run.
 *
 * A position counts as stored only once a batch that wrote it committed with rows of its own:
 * until then, another batch naming it writes it too (the insert ignores a row already there), so
 * no batch refers to a row whose transaction failed. Snapshot rows go once no batch refers to
 * them (releaseSnapshots in ledger.ts).
 */
export class ListingSnapshot {
  readonly key = `listings:${ledgerId()}`;
  /** Per position, what committed batches stored: 0 nothing, 1 its id, 2 its id and card. */
  private readonly stored: Uint8Array;
  /** Per position, the last unstored() call that listed it, so each is listed once per call. */
  private readonly listedIn: Uint32Array;
  private calls = 0;
  private readonly cards: (ListingCard | undefined)[];

  /**
   * @param id the listing id at a position of the pool
   * @param cardAt the card every digest shows for the listing at a position (made once, on first
   *   use: most listings a run names are never shown, and need no card)
   */
  constructor(
    readonly size: number,
    readonly id: (position: number) => string,
    private readonly cardAt: (position: number) => ListingCard,
  ) {
    this.stored = new Uint8Array(size);
    this.listedIn = new Uint32Array(size);
    this.cards = new Array(size);
  }

  card(position: number): ListingCard {
    let found = this.cards[position];
    if (!found) this.cards[position] = found = this.cardAt(position);
    return found;
  }

  /**
   * What a batch must write that no committed batch has, each position once: the card (with the
   * id) of each listing shown in an email, the id alone of one only named in a "see all" list (its
   * card is never read, and most listings a run names are only that).
   */
  unstored(shown: ArrayLike<number>[], named: ArrayLike<number>[]): StoredPositions {
    const call = ++this.calls;
    const withCard: number[] = [];
    const idOnly: number[] = [];
    for (const list of shown) {
      for (let k = 0; k < list.length; k++) {
        const p = list[k]!;
        if (this.stored[p] === 2 || this.listedIn[p] === call) continue;
        this.listedIn[p] = call;
        withCard.push(p);
      }
    }
    for (const list of named) {
      for (let k = 0; k < list.length; k++) {
        const p = list[k]!;
        if (this.stored[p] !== 0 || this.listedIn[p] === call) continue;
        this.listedIn[p] = call;
        idOnly.push(p);
      }
    }
    return { withCard, idOnly };
  }

  /** Records positions as stored: call once the transaction that wrote them committed. */
  markStored({ withCard, idOnly }: StoredPositions): void {
    for (const p of idOnly) this.stored[p] ||= 1;
    for (const p of withCard) this.stored[p] = 2;
  }
}

/** Snapshot positions a batch writes (see ListingSnapshot.unstored). */
export interface StoredPositions {
  withCard: number[];
  idOnly: number[];
}
