import type { Candidate } from "./candidate";

/**
 * The run's open, mailable listings, prepared once (load.ts) and shared by every digest of the
 * run. Newest first (then by id), so "new since the previous digest" is a prefix.
 */
export class CandidatePool {
  readonly newestFirst: Candidate[];
  /**
   * Listings whose post does not say where from, of a job another listing here does say it for
   * (Candidate.sameJob): that one decides who may apply, so these are never matched on their own.
   */
  readonly statedElsewhere: ReadonlySet<Candidate>;

  /** @param signature what the pool was built from (see poolSignature in load.ts) */
  constructor(
    candidates: Candidate[],
    readonly signature = "",
  ) {
    this.newestFirst = [...candidates].sort((a, b) => b.firstSeenMs - a.firstSeenMs || (a.row.id < b.row.id ? -1 : 1));
    const stated = new Set<string>();
    for (const c of candidates) if (c.row.remote.scope !== "unknown") stated.add(c.row.fingerprint);
    this.statedElsewhere = new Set(
      candidates.filter((c) => c.row.remote.scope === "unknown" && c.sameJob.some((fp) => stated.has(fp))),
    );
  }
}
