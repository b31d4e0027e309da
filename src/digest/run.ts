import type { DigestComposer } from "./compose";
import { dueSubscribers, type SubscriberSlice } from "./due";
import { sendEmptyWeekNotes } from "./empty-weeks";
import { countDue, emptyPlanSummary, type PlanSummary } from "./plan";
import { createDeliverer, emptySendSummary, recoverStuck, runClock, type SendDeps, type SendSummary } from "./send";
import { recheckStaleListings, type RecheckDeps, type RecheckSummary } from "../listings/recheck";
import { sendDue } from "./send-due";

/** `recheck`: what was asked at the sources before composing (absent when nothing was due, or on a dry run). */
export type DigestRunSummary = PlanSummary & Partial<SendSummary> & { dryRun: boolean; recheck?: RecheckSummary };

export type DigestRunDeps = SendDeps & Partial<Pick<RecheckDeps, "sources" | "fetchPolicy">>;

/**
 * The weekly run (DESIGN.md §4), what every scheduler tick calls: finish what a dead run left
 * (finishLeftovers), then select, compose and send this week's digest for everyone due, a page at
 * a time. Idempotent and safe to run concurrently: the ledger's unique key and claims decide who
 * does what. A dry run only counts, and writes nothing. When someone is due and the deps say how
 * to reach the sources, listings whose source has not been fetched for a day are re-checked
 * first (listings/recheck.ts), so a job taken down meanwhile is not mailed.
 *
 * `slice` (the Workers fan-out): only the subscribers whose id lies in [fromId, toId], in the order
 * the due query pages them (text order of ids). A Cron Trigger runs finishLeftovers once, then
 * enqueues one message per slice; each queue consumer calls runDigest with its slice, and the
 * slices together are the whole run: the ledger's unique key keeps a subscriber in two slices
 * (or a retried message) from being mailed twice. A sliced run still finishes leftovers first
 * (cheap when there are none), so a consumer that died is finished by the next one.
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
  const recheck = await recheckIfDue(deps, input.now, input.slice);
  const phase = startPhase(deps, input.now, input.runId);
  const { runId, summary } = phase;
  let plan = emptyPlanSummary();
  if ((await recoverStuck(deps, phase)) === "ok") {
    plan = await sendDue(deps, {
      ...phase,
      slice: input.slice,
      onProgress: input.onProgress,
      composer: input.composer,
    });
    await sendEmptyWeekNotes(deps, { now: input.now, runId, slice: input.slice }); // issue 18.5: after this week's empty digests are recorded
  }
  return { ...plan, ...summary, dryRun: false, ...(recheck ? { recheck } : {}) };
}

/**
 * Finishes what a dead run left: batches still `sending` once their claim lapsed are resent byte
 * for byte under their key (or marked `unknown` past the provider's 24-hour window). The first
 * step of every runDigest; exported for the Workers Cron Trigger to run before it enqueues the
 * week's slices. Safe to run concurrently (claims).
 */
export async function finishLeftovers(deps: SendDeps, input: { now: Date; runId?: string }): Promise<SendSummary> {
  const phase = startPhase(deps, input.now, input.runId);
  await recoverStuck(deps, phase);
  return phase.summary;
}

function startPhase(deps: SendDeps, now: Date, runId: string = crypto.randomUUID()) {
  const summary = emptySendSummary();
  return { now, runId, summary, deliver: createDeliverer(deps, summary, runId, now), claimTime: runClock(now) };
}

/**
 * Re-checks stale listings once per run, and only for a run that has someone to compose for. A
 * re-check that cannot run at all (an unreadable sources file, say) is logged and the digests go
 * out as they would have: like a failed check, it keeps every listing.
 */
async function recheckIfDue(
  deps: DigestRunDeps,
  now: Date,
  slice?: SubscriberSlice,
): Promise<RecheckSummary | undefined> {
  const { sources, fetchPolicy } = deps;
  if (!sources || !fetchPolicy) return undefined;
  try {
    for await (const _page of dueSubscribers(deps.db, now, undefined, { slice })) {
      return await recheckStaleListings({ db: deps.db, log: deps.log, sources, fetchPolicy }, { now });
    }
  } catch (err) {
    deps.log.error("digest.recheck_failed", { message: String((err as Error).message ?? err) });
  }
  return undefined;
}
