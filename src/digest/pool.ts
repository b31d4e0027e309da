import type { Stack } from "../domain/facets";
import type { Candidate } from "./candidate";

/**
 * The run's open, mailable listings, indexed once so each subscriber only looks at listings that
 * can match: newest first, with a per-stack index (most subscribers pick stacks) and a binary
 * search on first-seen time for "new since the previous digest".
 */
export class CandidatePool {
  /** Newest first. */
  private readonly all: Candidate[];
  /** Per stack, positions in `all` (so newest first too). */
  private readonly byStack = new Map<Stack, Int32Array>();
  /** Scratch for merging several stacks' lists without a Set: marks[i] === pass means "taken". */
  private readonly marks: Uint32Array;
  private pass = 0;

  /** @param signature what the pool was built from (see poolSignature in load.ts) */
  constructor(candidates: Candidate[], readonly signature = "") {
    this.all = [...candidates].sort((a, b) => b.firstSeenMs - a.firstSeenMs || (a.row.id < b.row.id ? -1 : 1));
    const lists = new Map<Stack, number[]>();
    this.all.forEach((c, i) => {
      for (const stack of c.row.stacks) {
        let list = lists.get(stack);
        if (!list) lists.set(stack, (list = []));
        list.push(i);
      }
    });
    for (const [stack, list] of lists) this.byStack.set(stack, Int32Array.from(list));
    this.marks = new Uint32Array(this.all.length);
  }

  get size(): number {
    return this.all.length;
  }

  /**
   * Listings first seen after `sinceMs` that carry one of `stacks` (any listing when none given):
   * newest first within each stack, stacks in the order given, each listing once.
   */
  newSince(sinceMs: number, stacks: readonly Stack[]): Candidate[] {
    const newer = countNewerThan(this.all, sinceMs);
    if (stacks.length === 0) return this.all.slice(0, newer);
    const out: Candidate[] = [];
    const pass = this.nextPass();
    for (const stack of stacks) {
      const list = this.byStack.get(stack);
      if (!list) continue;
      // Positions are ascending, so the new ones are exactly those below `newer`.
      for (let k = 0; k < list.length && list[k]! < newer; k++) {
        const i = list[k]!;
        if (this.marks[i] === pass) continue;
        this.marks[i] = pass;
        out.push(this.all[i]!);
      }
    }
    return out;
  }

  private nextPass(): number {
    if (++this.pass === 0xffffffff) {
      this.marks.fill(0);
      this.pass = 1;
    }
    return this.pass;
  }
}

/** How many of a newest-first list have firstSeenMs > sinceMs (binary search). */
function countNewerThan(list: Candidate[], sinceMs: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.firstSeenMs > sinceMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
