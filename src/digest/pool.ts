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
  private readonly byStack = new Map<Stack, Candidate[]>();

  constructor(candidates: Candidate[]) {
    this.all = [...candidates].sort((a, b) => b.firstSeenMs - a.firstSeenMs || (a.row.id < b.row.id ? -1 : 1));
    for (const c of this.all) {
      for (const stack of c.row.stacks) {
        let list = this.byStack.get(stack);
        if (!list) this.byStack.set(stack, (list = []));
        list.push(c);
      }
    }
  }

  get size(): number {
    return this.all.length;
  }

  /** Listings first seen after `sinceMs` that carry one of `stacks` (any listing when none given). */
  *newSince(sinceMs: number, stacks: readonly Stack[]): Iterable<Candidate> {
    if (stacks.length === 0) {
      yield* takeNewerThan(this.all, sinceMs);
      return;
    }
    const seen = new Set<string>();
    for (const stack of stacks) {
      for (const c of takeNewerThan(this.byStack.get(stack) ?? [], sinceMs)) {
        if (seen.has(c.row.id)) continue;
        seen.add(c.row.id);
        yield c;
      }
    }
  }
}

/** The prefix of a newest-first list with firstSeenMs > sinceMs (binary search, no copy of the rest). */
function* takeNewerThan(list: Candidate[], sinceMs: number): Iterable<Candidate> {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (list[mid]!.firstSeenMs > sinceMs) lo = mid + 1;
    else hi = mid;
  }
  for (let i = 0; i < lo; i++) yield list[i]!;
}
