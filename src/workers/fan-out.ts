import type { Deps } from "../deps";
import { recheckStaleListings } from "../listings/recheck";
import { recordRun } from "../jobs/record-run";
import { resendUnsentConfirmations } from "../subscribers/first-confirmation";
import { finishLeftovers } from "./digest-run";
import type { DigestSliceMessage, IngestSourceMessage, QueueBinding } from "./env";
import { subscriberSlices, DEFAULT_SLICE_SIZE } from "./slices";

/** Cloudflare Queues take at most 100 messages in one sendBatch. */
const SEND_BATCH_LIMIT = 100;

/**
 * The digest Cron Trigger: finish what a dead run left (as the Node run does first), re-check
 * stale listings once for the whole tick, then enqueue the confirmed subscribers in id slices.
 * Every slice carries the tick's instant, so all of them (and any redelivery) plan the same week;
 * the consumer's run decides who in its slice is due. Recorded as the "digest" job run.
 */
export async function fanOutDigest(
  deps: Deps,
  queue: QueueBinding<DigestSliceMessage>,
  input: { now: Date; sliceSize?: number },
): Promise<{ slices: number }> {
  return recordRun(
    deps,
    "digest",
    () => deps.clock.now(),
    async () => {
      // Confirmations that never went out (as the Node tick does); its failure never holds up the digests.
      await resendUnsentConfirmations(deps, input.now).catch(() =>
        deps.log.error("subscribe.confirmations_resend_failed"),
      );
      await finishLeftovers(deps, { now: input.now });
      const slices = await subscriberSlices(deps.db, input.sliceSize ?? DEFAULT_SLICE_SIZE);
      if (slices.length) await recheck(deps, input.now);
      const now = input.now.toISOString();
      const messages = slices.map((s) => ({ body: { kind: "digest" as const, fromId: s.fromId, toId: s.toId, now } }));
      await sendInBatches(queue, messages);
      return { slices: slices.length };
    },
  );
}

/** The ingest Cron Trigger: one message per enabled source; the consumer checks each is due. */
export async function fanOutIngest(
  deps: Deps,
  queue: QueueBinding<IngestSourceMessage>,
  input: { now: Date },
): Promise<{ sources: number }> {
  const sources = (await deps.sources()).filter((s) => s.enabled && s.type !== "manual");
  const now = input.now.toISOString();
  await sendInBatches(
    queue,
    sources.map((s) => ({ body: { kind: "ingest" as const, source: s.name, now } })),
  );
  return { sources: sources.length };
}

async function sendInBatches<Body>(queue: QueueBinding<Body>, messages: { body: Body }[]): Promise<void> {
  for (let i = 0; i < messages.length; i += SEND_BATCH_LIMIT)
    await queue.sendBatch(messages.slice(i, i + SEND_BATCH_LIMIT));
}

/** As the Node run does before composing; a re-check that cannot run keeps every listing (logged). */
async function recheck(deps: Deps, now: Date): Promise<void> {
  try {
    await recheckStaleListings(
      { db: deps.db, log: deps.log, sources: deps.sources, fetchPolicy: deps.fetchPolicy },
      { now },
    );
  } catch (err) {
    deps.log.error("digest.recheck_failed", { message: String((err as Error).message ?? err) });
  }
}
