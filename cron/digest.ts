import type { Deps } from "../src/deps";
import { runDigest, type DigestRunSummary } from "../src/digest/run";
import { recordRun } from "../src/jobs/record-run";

/** The scheduler tick: plan and send every digest that is due, recorded as a job run. */
export async function digestJob(deps: Deps, input: { now: Date; dryRun?: boolean; onProgress?: (l: string) => void }): Promise<DigestRunSummary> {
  if (input.dryRun) return runDigest(deps, input);
  return recordRun(deps.db, "digest", () => deps.clock.now(), () => runDigest(deps, input));
}
