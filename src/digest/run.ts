import type { DigestComposer } from "./compose";
import { dueSubscribers, type SubscriberSlice } from "./due";
import { sendEmptyWeekNotes } from "./empty-weeks";
import { countDue, emptyPlanSummary, type PlanSummary } from "./plan";
import { createDeliverer, emptySendSummary, recoverStuck, runClock, type SendDeps, type SendSummary } from "./send";
import { recheckStaleListings, type RecheckDeps, type RecheckSummary } from "../listings/recheck";
import { closeStaleListings } from "../listings/closing";
import { sendDue } from "./send-due";

/** `recheck`: what was asked at the sources before composing (absent when nothing was due, or on a dry run). */
export type DigestRunSummary = PlanSummary & Partial<SendSummary> & { dryRun: boolean; recheck?: RecheckSummary };

export type DigestRunDeps = SendDeps & Partial<Pick<RecheckDeps, "sources" | "fetchPolicy">>;

/**
 * The weekly run (DESIGN.md §4), what every scheduler tick calls: finish what a dead run left,
 * re-check stale listings when someone is due, compose and send this week's digests a page at a
 * time, then the empty-week notes. Idempotent and safe to run concurrently (the ledger's unique key
 * and claims decide); a dry run only counts. `slice`: one Workers queue message's share of the run.
 */
export async function runDigest(
  deps: DigestRunDeps,
  input: {
    now: Date;
    dryRun?: boolean;
    runId?: string;
    slice?: SubscriberSlice;
    onProgress?: (line: string) => void;
    composer?: DigestComposer;
  },
): Promise<DigestRunSummary> {
  if (input.dryRun) return { ...(await countDue(deps, input)), dryRun: true };
  // Expiry and age close a listing whichever way it came in (a file import or the admin API does not
  // ingest): none past them is mailed.
  const stale = await closeStaleListings(deps.db, input.now, deps.config.listingMaxAgeDays);
  if (stale.expired + stale.tooOld) deps.log.info("digest.closed_stale_listings", stale);
  const recheck = await recheckIfDue(deps, input.now, input.slice);
  const phase = startPhase(deps, input.now, input.runId);
  const { runId, summary } = phase;
  let plan = emptyPlanSummary();
  if ((await recoverStuck(deps, phase)) === "ok") {
    plan = await sendDue(deps, { ...input, ...phase });
    await sendEmptyWeekNotes(deps, { ...input, runId }); // after this week's empty digests
  }
  return { ...plan, ...summary, dryRun: false, ...(recheck ? { recheck } : {}) };
}

/** Finishes what a dead run left (recoverStuck): for the Workers Cron Trigger, before it enqueues the slices. */
export async function finishLeftovers(deps: SendDeps, input: { now: Date; runId?: string }): Promise<SendSummary> {
  const phase = startPhase(deps, input.now, input.runId);
  await recoverStuck(deps, phase);
  return phase.summary;
}

function startPhase(deps: SendDeps, now: Date, runId: string = crypto.randomUUID()) {
  const summary = emptySendSummary();
  return { now, runId, summary, deliver: createDeliverer(deps, summary, runId, now), claimTime: runClock(now) };
}

/** Re-checks stale listings when someone is due; one that cannot run is logged and keeps every listing. */
async function recheckIfDue(deps: DigestRunDeps, now: Date, slice?: SubscriberSlice) {
  const { sources, fetchPolicy } = deps;
  if (!sources || !fetchPolicy) return undefined;
  try {
    for await (const _page of dueSubscribers(deps.db, now, { slice })) {
      return await recheckStaleListings({ db: deps.db, log: deps.log, sources, fetchPolicy }, { now });
    }
  } catch (err) {
    deps.log.error("digest.recheck_failed", { message: String((err as Error).message ?? err) });
  }
  return undefined;
}
