import { and, lt, ne, eq } from "drizzle-orm";
import { jobRuns, listings, webhookEvents } from "../../db/schema";
import type { Deps } from "../deps";
import { pruneNotePayloads, pruneStoredContents } from "../digest/retention";
import { closeStaleListings } from "../listings/closing";
import { purgeExpired } from "../subscribers/purge-expired";

const DAY_MS = 86_400_000;

/** A runtime's own clean-up beside the database's (the Node outbox's temp files), run by the same job. */
export interface Sweep {
  name: string;
  /** Returns how many things it removed. */
  run(now: Date): Promise<number>;
}

export interface HousekeepingSummary {
  /** Open listings closed because their stated expiry passed or they are older than LISTING_MAX_AGE_DAYS. */
  listingsClosedExpired: number;
  listingsClosedTooOld: number;
  /** Closed listings whose description was emptied (kept: title, company, facets, fingerprint). */
  listingBodiesPruned: number;
  /** Stored digest messages past the provider's 24-hour idempotency window (pruneStoredContents). */
  ledgerContentsPruned: number;
  /** Stored empty-week notes past the same window (pruneNotePayloads). */
  noteContentsPruned: number;
  jobRunsDeleted: number;
  webhookEventsDeleted: number;
  /** Expired pending subscribers, stale new-choice requests and old rate-limit rows (purgeExpired). */
  pendingSubscribers: number;
  newChoiceRequests: number;
  rateLimitRows: number;
  /** Per runtime sweep, by name: e.g. `outboxTmpFiles`. */
  swept: Record<string, number>;
}

/**
 * The daily retention job (issue 17 item 10), periods from config.retention (README
 * "Operations"): empties the description of listings closed more than LISTING_BODY_RETENTION_DAYS
 * ago (a closed listing is never mailed again; its row stays, so its identity and what was
 * mailed do), deletes job runs and webhook events older than their periods (a webhook replay is
 * only ever minutes or days late), prunes the ledger's stored messages once no retry can need them
 * (src/digest/retention.ts: each subscriber's latest digest keeps its "see all" list) and the
 * empty-week notes' stored messages, and runs
 * the runtime's sweeps. Idempotent: each step only
 * removes what is past its cut-off, so two runs, or a run after a missed day, are fine.
 */
export async function runHousekeeping(
  deps: Pick<Deps, "db" | "config" | "log">,
  input: { now: Date; sweeps?: Sweep[] },
): Promise<HousekeepingSummary> {
  const { db, config } = deps;
  const r = config.retention;
  const before = (days: number) => new Date(input.now.getTime() - days * DAY_MS);
  // Daily, so listings that came in without an ingest (imports, the admin API) close on time too.
  const stale = await closeStaleListings(db, input.now, config.listingMaxAgeDays);
  const bodies = await db
    .update(listings)
    .set({ description: "" })
    .where(
      and(
        eq(listings.status, "closed"),
        lt(listings.closedAt, before(r.listingBodyDays)),
        ne(listings.description, ""),
      ),
    )
    .returning({ id: listings.id });
  // A run still marked `running` (its process died) is history like any other once this old.
  const runs = await db
    .delete(jobRuns)
    .where(lt(jobRuns.startedAt, before(r.jobRunDays)))
    .returning({ id: jobRuns.id });
  const events = await db
    .delete(webhookEvents)
    .where(lt(webhookEvents.receivedAt, before(r.webhookEventDays)))
    .returning({ id: webhookEvents.svixId });

  const ledgerContentsPruned = await pruneStoredContents(db, input.now);
  const noteContentsPruned = await pruneNotePayloads(db, input.now);

  // Pending subscribers whose confirmation expired long ago, stale new-choice requests, old rate-limit rows.
  const purged = await purgeExpired(deps, input.now);

  const swept: Record<string, number> = {};
  for (const sweep of input.sweeps ?? []) swept[sweep.name] = await sweep.run(input.now);
  const summary = {
    listingsClosedExpired: stale.expired,
    listingsClosedTooOld: stale.tooOld,
    listingBodiesPruned: bodies.length,
    ledgerContentsPruned,
    noteContentsPruned,
    jobRunsDeleted: runs.length,
    webhookEventsDeleted: events.length,
    ...purged,
    swept,
  };
  deps.log.info("housekeeping.done", { ...summary });
  return summary;
}
