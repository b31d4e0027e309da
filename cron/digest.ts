import type { Deps } from "../src/deps";
import { runDigest, type DigestRunSummary } from "../src/digest/run";
import { recordRun, type JobOutcome } from "../src/jobs/record-run";
import { resendUnsentConfirmations } from "../src/subscribers/first-confirmation";

/**
 * A digest run that left digests unsent is not a success: `failed` when it sent nothing of what
 * it had, `partial` when it sent some. Deferred digests go out at a later tick; failed and
 * unknown ones need the operator.
 */
export function digestOutcome(s: DigestRunSummary): JobOutcome {
  const undone = (s.deferred ?? 0) + (s.failed ?? 0) + (s.unknown ?? 0);
  if (undone === 0) return "ok";
  return (s.sent ?? 0) > 0 ? "partial" : "failed";
}

/**
 * The scheduler tick: resend confirmations that never went out (first-confirmation.ts), then plan
 * and send every digest that is due, recorded as a job run.
 */
export async function digestJob(
  deps: Deps,
  input: { now: Date; dryRun?: boolean; onProgress?: (l: string) => void },
): Promise<DigestRunSummary> {
  if (input.dryRun) return runDigest(deps, input);
  // Its own failure is logged and never holds up the digests.
  await resendUnsentConfirmations(deps, input.now).catch((err: unknown) =>
    deps.log.error("subscribe.confirmations_resend_failed", { error: err instanceof Error ? err.name : "unknown" }),
  );
  return recordRun(
    deps,
    "digest",
    () => deps.clock.now(),
    (runId) => runDigest(deps, { ...input, runId }),
    digestOutcome,
  );
}
