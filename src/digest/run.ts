import type { Deps } from "../deps";
import { AcceptedBatches } from "./accepted-batches";
import { dueSubscribers } from "./due";
import { sendEmptyWeekNotes } from "./empty-weeks";
import { planDigests, type PlanSummary } from "./plan";
import { createDeliverer, emptySendSummary, recoverStuck, runClock, sendLeftovers, type SendSummary } from "./send";
import { recheckStaleListings, type RecheckDeps, type RecheckSummary } from "./recheck";
import { sendDue } from "./send-due";

/** `recheck`: what was asked at the sources before composing (absent when nothing was due, or on a dry run). */
export type DigestRunSummary = PlanSummary & Partial<SendSummary> & { dryRun: boolean; recheck?: RecheckSummary };

/**
 * The weekly run (DESIGN.md §4), what every scheduler tick calls: finish what a dead run left
 * (batches in `sending`, then `planned` rows), then plan, compose and send this week's digest for
 * everyone due, a page at a time. Idempotent and safe to run concurrently: the ledger's unique
 * key and claims decide who does what. A dry run only plans, and writes nothing. When someone is
 * due and the deps say how to reach the sources, listings whose source has not been fetched for
 * a day are re-checked first (recheck.ts), so a job taken down meanwhile is not mailed.
 */
export async function runDigest(
  deps: Pick<Deps, "db" | "mailer" | "config" | "retry" | "log"> & Partial<Pick<RecheckDeps, "sources" | "fetchPolicy">>,
  input: { now: Date; dryRun?: boolean; runId?: string; onProgress?: (line: string) => void },
): Promise<DigestRunSummary> {
  if (input.dryRun) return { ...(await planDigests(deps, input)), dryRun: true };
  const recheck = await recheckIfDue(deps, input.now);
  const runId = input.runId ?? crypto.randomUUID();
  const summary = emptySendSummary();
  const phase = { now: input.now, runId, summary, deliver: createDeliverer(deps, summary, runId, input.now), claimTime: runClock(input.now), onProgress: input.onProgress };
  let plan: PlanSummary = { due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 };
  if ((await recoverStuck(deps, phase)) === "ok" && (await sendLeftovers(deps, phase)) === "ok") {
    // This week's batches are marked sent with the next batch's write, not each in a commit of its own.
    const accepted = new AcceptedBatches(deps.db, (sent) => (summary.sent += sent));
    plan = await sendDue(deps, { ...phase, deliver: createDeliverer(deps, summary, runId, input.now, accepted), accepted });
    await sendEmptyWeekNotes(deps, { now: input.now, runId }); // issue 18.5: after this week's empty digests are recorded
  }
  return { ...plan, ...summary, dryRun: false, ...(recheck ? { recheck } : {}) };
}

/**
 * Re-checks stale listings once per run, and only for a run that has someone to compose for. A
 * re-check that cannot run at all (an unreadable sources file, say) is logged and the digests go
 * out as they would have: like a failed check, it keeps every listing.
 */
async function recheckIfDue(deps: Parameters<typeof runDigest>[0], now: Date): Promise<RecheckSummary | undefined> {
  const { sources, fetchPolicy } = deps;
  if (!sources || !fetchPolicy) return undefined;
  try {
    for await (const _page of dueSubscribers(deps.db, now)) return await recheckStaleListings({ db: deps.db, log: deps.log, sources, fetchPolicy }, { now });
  } catch (err) {
    deps.log.error("digest.recheck_failed", { message: String((err as Error).message ?? err) });
  }
  return undefined;
}
