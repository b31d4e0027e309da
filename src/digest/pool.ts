import type { Candidate } from "./candidate";

/**
 * The run's open, mailable listings, prepared once (load.ts) and shared by every digest of the
 * run. Newest first (then by id), so "new since the previous digest" is a prefix.
 */
export class CandidatePool {
  readonly newestFirst: Candidate[];
  /**
   * Listings whose post does not say where from, of a job another listing here does say it for
   * (Candidate.sameJob), each with when the first such post was first seen: from then on that one
   * decides who may apply, so these are not matched on their own. Before then (a run with --now
   * behind a post an ingest ahead stored) the unstated post is the only one there was.
   */
  readonly statedElsewhere: ReadonlyMap<Candidate, number>;

  /** @param signature what the pool was built from (see poolSignature in load.ts) */
  constructor(
    candidates: Candidate[],
    readonly signature = "",
  ) {
    this.newestFirst = [...candidates].sort((a, b) => b.firstSeenMs - a.firstSeenMs || (a.row.id < b.row.id ? -1 : 1));
    const statedSince = new Map<string, number>();
    for (const c of candidates) {
      if (c.row.remote.scope === "unknown") continue;
      const seen = statedSince.get(c.row.fingerprint);
      if (seen === undefined || c.firstSeenMs < seen) statedSince.set(c.row.fingerprint, c.firstSeenMs);
    }
    const elsewhere = new Map<Candidate, number>();
    for (const c of candidates) {
      if (c.row.remote.scope !== "unknown") continue;
      const since = Math.min(...c.sameJob.map((fp) => statedSince.get(fp) ?? Number.POSITIVE_INFINITY));
      if (since !== Number.POSITIVE_INFINITY) elsewhere.set(c, since);
    }
    this.statedElsewhere = elsewhere;
  }
}
