import type { Deps } from "../deps";
import { AcceptedBatches } from "./accepted-batches";
import { planDigests, type PlanSummary } from "./plan";
import { createDeliverer, emptySendSummary, recoverStuck, runClock, sendLeftovers, type SendSummary } from "./send";
import { sendDue } from "./send-due";

export type DigestRunSummary = PlanSummary & Partial<SendSummary> & { dryRun: boolean };

/**
 * The weekly run (DESIGN.md §4), what every scheduler tick calls: finish what a dead run left
 * (batches in `sending`, then `planned` rows), then plan, compose and send this week's digest for
 * everyone due, a page at a time. Idempotent and safe to run concurrently: the ledger's unique
 * key and claims decide who does what. A dry run only plans, and writes nothing.
 */
export async function runDigest(
  deps: Pick<Deps, "db" | "mailer" | "config" | "retry" | "log">,
  input: { now: Date; dryRun?: boolean; runId?: string; onProgress?: (line: string) => void },
): Promise<DigestRunSummary> {
  if (input.dryRun) return { ...(await planDigests(deps, input)), dryRun: true };
  const runId = input.runId ?? crypto.randomUUID();
  const summary = emptySendSummary();
  const phase = { now: input.now, runId, summary, deliver: createDeliverer(deps, summary, runId, input.now), claimTime: runClock(input.now), onProgress: input.onProgress };
  let plan: PlanSummary = { due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 };
  if ((await recoverStuck(deps, phase)) === "ok" && (await sendLeftovers(deps, phase)) === "ok") {
    // This week's batches are marked sent with the next batch's write, not each in a commit of its own.
    const accepted = new AcceptedBatches(deps.db, (sent) => (summary.sent += sent));
    plan = await sendDue(deps, { ...phase, deliver: createDeliverer(deps, summary, runId, input.now, accepted), accepted });
  }
  return { ...plan, ...summary, dryRun: false };
}
