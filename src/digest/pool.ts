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
  private readonly scratch: Int32Array;
  /** 0, 1, 2, …: the positions of every listing. */
  private readonly identity: Int32Array;
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
    this.scratch = new Int32Array(this.all.length);
    this.identity = Int32Array.from(this.all, (_, i) => i);
  }

  /** The candidate at a position (positions are newest first, then by id). */
  at(position: number): Candidate {
    return this.all[position]!;
  }

  /**
   * Positions, ascending (so newest first), of the listings first seen after `sinceMs` that carry
   * one of `stacks` (any listing when none given), each once. The array may be a view of the
   * pool's own storage or scratch space: read it before the next call.
   */
  newPositions(sinceMs: number, stacks: readonly Stack[]): Int32Array {
    const newer = countNewerThan(this.all, sinceMs);
    if (stacks.length === 0) return this.identity.subarray(0, newer);
    if (stacks.length === 1) {
      const list = this.byStack.get(stacks[0]!);
      return list ? list.subarray(0, countBelow(list, newer)) : this.identity.subarray(0, 0);
    }
    const pass = this.nextPass();
    let n = 0;
    for (const stack of stacks) {
      const list = this.byStack.get(stack);
      if (!list) continue;
      // Positions are ascending, so the new ones are exactly those below `newer`.
      for (let k = 0; k < list.length && list[k]! < newer; k++) {
        const i = list[k]!;
        if (this.marks[i] === pass) continue;
        this.marks[i] = pass;
        this.scratch[n++] = i;
      }
    }
    return this.scratch.subarray(0, n).sort();
  }

  private nextPass(): number {
    if (++this.pass === 0xffffffff) {
      this.marks.fill(0);
      this.pass = 1;
    }
    return this.pass;
  }
}

/** How many of an ascending list are below `limit` (binary search). */
function countBelow(list: Int32Array, limit: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
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
