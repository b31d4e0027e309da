import type { Deps } from "../deps";
import { planDigests, type PlanSummary } from "./plan";
import { sendPlanned, type SendSummary } from "./send";

export type DigestRunSummary = PlanSummary & Partial<SendSummary> & { dryRun: boolean };

/**
 * The weekly run (DESIGN.md §4), what every scheduler tick calls: plan this week's digests for
 * everyone due, then send what is planned (including what a dead run left behind). Idempotent
 * and safe to run concurrently: the ledger's unique key and claims decide who does what.
 */
export async function runDigest(
  deps: Pick<Deps, "db" | "mailer" | "config" | "retry" | "log">,
  input: { now: Date; dryRun?: boolean; runId?: string; onProgress?: (line: string) => void },
): Promise<DigestRunSummary> {
  const plan = await planDigests(deps, input);
  if (input.dryRun) return { ...plan, dryRun: true };
  const sent = await sendPlanned(deps, { now: input.now, runId: input.runId ?? crypto.randomUUID(), onProgress: input.onProgress });
  return { ...plan, ...sent, dryRun: false };
}
