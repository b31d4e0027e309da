import { digestOutcome } from "../../cron/digest";
import type { Deps } from "../deps";
import { recordRun } from "../jobs/record-run";
import { ingestOutcome, runIngest } from "../listings/ingest";
import { runSlice } from "./digest-run";
import type { DigestSliceMessage, IngestSourceMessage, MessageBatch, QueueMessageBody } from "./env";

/** How long a failed message waits before its redelivery: long enough for a provider outage to pass. */
const RETRY_DELAY_SECONDS = 60;

/**
 * The queue consumer: each message is one digest slice or one source. A message is acked once its
 * work returned, and retried (redelivered later) when it threw, say the isolate's database call
 * failed half way. Redelivery is safe by construction: the run's ledger sends each subscriber's
 * week once, whatever number of times a slice runs, and an ingest re-run merges into the same
 * listings. The digest queue runs one batch at a time (max_concurrency = 1 in wrangler.toml), so
 * the shared pacer alone keeps the account's request rate.
 */
export async function consumeBatch(batch: MessageBatch<QueueMessageBody>, deps: Deps): Promise<void> {
  for (const message of batch.messages) {
    try {
      if (message.body.kind === "digest") await consumeDigestSlice(deps, message.body);
      else await consumeIngestSource(deps, message.body);
      message.ack();
    } catch (err) {
      deps.log.error("queue.message_failed", {
        queue: batch.queue,
        kind: message.body.kind,
        attempts: message.attempts,
        error: err instanceof Error ? err.message : "unknown",
      });
      message.retry({ delaySeconds: RETRY_DELAY_SECONDS });
    }
  }
}

/**
 * One slice of the weekly run, recorded as a "digest-slice" job run (partial or failed when it
 * left digests unsent, as the Node run is). Stale listings were re-checked by the tick that
 * enqueued it, so the run is given no sources to ask again (one re-check per tick, not per slice).
 */
export async function consumeDigestSlice(deps: Deps, body: DigestSliceMessage) {
  const slice = { fromId: body.fromId, toId: body.toId };
  const run = (runId: string) => runSlice(deps, { now: new Date(body.now), slice, runId });
  const summary = await recordRun(deps, "digest-slice", () => deps.clock.now(), run, digestOutcome);
  deps.log.info("digest.slice", { ...slice, ...summary });
  return summary;
}

/** One configured source, when it is due (force stays off: a redelivered message fetches nothing new). */
export async function consumeIngestSource(deps: Deps, body: IngestSourceMessage) {
  const sources = await deps.sources();
  if (!sources.some((s) => s.name === body.source)) return null; // removed from the configuration since
  const ingest = { ...deps, sources };
  return recordRun(
    deps,
    "ingest",
    () => deps.clock.now(),
    () => runIngest(ingest, { now: new Date(body.now), only: body.source, force: false }),
    ingestOutcome,
  );
}
