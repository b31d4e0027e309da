import type { Deps } from "../src/deps";
import { runHousekeeping, type HousekeepingSummary, type Sweep } from "../src/jobs/housekeeping";
import { recordRun } from "../src/jobs/record-run";

/** The daily retention job, recorded as a job run. `sweeps` are the runtime's own (Node: outbox temp files). */
export async function housekeepingJob(
  deps: Deps,
  input: { now: Date; sweeps?: Sweep[] },
): Promise<HousekeepingSummary> {
  return recordRun(
    deps,
    "housekeeping",
    () => deps.clock.now(),
    () => runHousekeeping(deps, input),
  );
}
