import type { Deps } from "../src/deps";
import { recordRun } from "../src/jobs/record-run";
import { ingestOutcome, runIngest, type IngestSummary } from "../src/listings/ingest";

/** The scheduled ingest: every configured source, recorded as a job run. */
export async function ingestJob(
  deps: Deps,
  input: { now: Date; only?: string; force?: boolean; onProgress?: (l: string) => void },
): Promise<IngestSummary> {
  const sources = await deps.sources();
  return recordRun(
    deps,
    "ingest",
    () => deps.clock.now(),
    () => runIngest({ ...deps, sources }, input),
    ingestOutcome,
  );
}
