import type { Candidate } from "./candidate";

/**
 * The run's open, mailable listings, prepared once (load.ts) and shared by every digest of the
 * run. Newest first (then by id), so "new since the previous digest" is a prefix.
 */
export class CandidatePool {
  readonly newestFirst: Candidate[];

  /** @param signature what the pool was built from (see poolSignature in load.ts) */
  constructor(
    candidates: Candidate[],
    readonly signature = "",
  ) {
    this.newestFirst = [...candidates].sort((a, b) => b.firstSeenMs - a.firstSeenMs || (a.row.id < b.row.id ? -1 : 1));
  }
}
