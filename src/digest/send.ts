import type { Deps } from "../deps";
import { MailError, type OutgoingEmail } from "../mail/mailer";
import { AttemptsFailed, sendBatchWithRetry } from "../mail/send-with-retry";
import {
  claimStuckBatches,
  DEFERRED_REFUSED,
  markDeferred,
  markReplaying,
  markStatus,
  PROVIDER_KEY_TTL_MS,
  recordAnswer,
  releaseRefused,
  renewClaim,
  type StuckDelivery,
} from "./ledger";
import { unmailableRows } from "./unmailable";

export type SendDeps = Pick<Deps, "db" | "mailer" | "config" | "retry" | "log" | "signer" | "suppressionKeys"> &
  Partial<Pick<Deps, "packMessage">>;

/**
 * `deferred`: left for a later run (still `sending` after the retries, or refused for quota or key
 * and due again); `unknown`: in `sending` past the provider's key window, never resent blindly;
 * `recovered`: digests of a run that died, finished by this one.
 */
export function emptySendSummary() {
  return { sent: 0, failed: 0, skipped: 0, deferred: 0, unknown: 0, recovered: 0, batches: 0 };
}
export type SendSummary = ReturnType<typeof emptySendSummary>;

const idsOf = (rows: { id: string }[]) => rows.map((r) => r.id);

/** The run's time plus what has elapsed since it started: a long run's claims stay fresh. */
export function runClock(now: Date): () => Date {
  const started = performance.now();
  return () => new Date(now.getTime() + Math.round(performance.now() - started));
}

/** What hands one fixed batch to the provider and records the outcome; "stop" ends the run. */
export type Deliver = (
  key: string,
  rows: { id: string }[],
  emails: OutgoingEmail[],
  recovering: boolean,
) => Promise<"ok" | "stop">;

/**
 * Delivers batches whose content and key are already in the ledger (`sending`) and records the
 * outcome. Quota, auth and a provider that stays down stop the run. Before each retry's wait the
 * claim is extended over the wait and the next attempt (`claimTime`: the run's clock), so no
 * other run takes a batch over while its owner still works on it.
 */
export function createDeliverer(
  deps: SendDeps,
  summary: SendSummary,
  runId: string,
  now: Date,
  claimTime: () => Date = runClock(now),
): Deliver {
  return async (key, rows, emails, recovering) => {
    summary.batches++;
    const rowIds = idsOf(rows);
    const keepClaim = async (waitMs: number) => {
      if ((await renewClaim(deps.db, runId, rowIds, claimTime(), waitMs)) === 0)
        throw new MailError("conflict", "another run took this batch over; it finishes it");
    };
    let answer: Awaited<ReturnType<typeof sendBatchWithRetry>>;
    try {
      answer = await sendBatchWithRetry(deps.mailer, emails, key, deps.retry, keepClaim);
    } catch (err) {
      return recordFailure(err);
    }
    // Outside the try: a database that cannot write now is not a provider failure. The run stops
    // with the batch still `sending` (recordAnswer is all or nothing), and the next one replays it.
    const { ids, refused } = answer;
    const recorded = await recordAnswer(
      deps.db,
      runId,
      {
        accepted: rows.flatMap((row, i) => (ids[i] == null ? [] : [{ id: row.id, providerId: ids[i]! }])),
        refused: refused.map(({ index, message }) => ({ id: rows[index]!.id, reason: message })),
      },
      now,
    );
    summary.sent += recorded.sent;
    if (recovering) summary.recovered += recorded.sent;
    // Refused one by one while the rest went out: failed with the reason in the ledger; the log
    // counts them and never quotes the reason, which may name the address.
    summary.failed += recorded.failed;
    if (refused.length)
      deps.log.error("digest.messages_refused", { runId, refused: refused.length, rows: rows.length });
    return "ok";

    async function recordFailure(err: unknown): Promise<"ok" | "stop"> {
      const e = err instanceof MailError ? err : new MailError("network", String(err));
      deps.log.error("digest.batch_failed", { runId, kind: e.kind, message: e.message, rows: rows.length });
      if (e.retryable) {
        // Whether the batch may be re-formed later depends on every attempt being refused outright.
        const refusedOnly = err instanceof AttemptsFailed && !err.maybeAccepted;
        // Counted only while still ours: a run that took the batch over (our claim lapsed) counts it.
        summary.deferred += await markDeferred(deps.db, runId, rowIds, { refusedOnly, recovering });
        return "stop"; // rows stay `sending` under our claim; a later run retries them once it lapses
      }
      if (e.kind === "quota" || e.kind === "auth") {
        // Refused whole: nothing went out, so these subscribers are due again at the next tick; a
        // recovered batch only if every earlier attempt was refused too (else it may have gone out).
        const released = await releaseRefused(deps.db, runId, rowIds, { neverSentOnly: recovering });
        summary.deferred += released;
        if (!recovering || released > 0) return "stop";
      }
      // A recovered batch refused as "different body for this key" may have gone out before: never resend it.
      const status = recovering ? "unknown" : "failed";
      summary[status] += await markStatus(deps.db, runId, rowIds, status, e.message, now);
      return e.kind === "quota" || e.kind === "auth" ? "stop" : "ok";
    }
  };
}

/** One run's sending: its time, id, counts, deliverer and clock for claims. */
export type Phase = { now: Date; runId: string; summary: SendSummary; deliver: Deliver; claimTime: () => Date };

/** Finishes batches a dead run left in `sending`, byte for byte, or marks them `unknown`. */
export async function recoverStuck(
  deps: SendDeps,
  { now, runId, summary, deliver, claimTime }: Phase,
): Promise<"ok" | "stop"> {
  for (;;) {
    const stuck = await claimStuckBatches(deps.db, runId, claimTime(), 10);
    if (stuck.length === 0) return "ok";
    for (const rows of stuck) {
      const expired = now.getTime() - (rows[0]!.firstSendAt?.getTime() ?? 0) > PROVIDER_KEY_TTL_MS;
      if (expired || rows.some((r) => !r.email)) {
        // Past the provider's memory of the key, or without the exact content to repeat: never resend blindly.
        const why = expired
          ? "still sending after the provider's 24-hour idempotency window; not resent"
          : "content of the first attempt is missing; not resent";
        await markStatus(deps.db, runId, idsOf(rows), "unknown", why, now);
        summary.unknown += rows.length;
        deps.log.warn("digest.unknown", { runId, rows: rows.length });
        continue;
      }
      const sendable = await dropUnmailable(deps, { now, runId, summary }, rows);
      if (sendable.length === 0) continue;
      const emails = sendable.map((r) => r.email!);
      if ((await deliver(sendable[0]!.idempotencyKey!, sendable, emails, true)) === "stop") return "stop";
    }
  }
}

/**
 * A stuck batch with members who must no longer be mailed (unsubscribed, paused or suppressed since
 * it was composed). If every attempt so far was refused outright, nothing went out: those rows become
 * `skipped` and the others leave the ledger, so this run's planning composes them afresh (returns []).
 * If an attempt may have been accepted, only a byte-identical replay is safe (a changed body under
 * the same key could mail twice): the whole batch is replayed, and a warning logged. Returns the rows to replay.
 */
async function dropUnmailable(
  deps: SendDeps,
  { now, runId, summary }: Pick<Phase, "now" | "runId" | "summary">,
  rows: StuckDelivery[],
): Promise<StuckDelivery[]> {
  const refused = rows.every((r) => r.error === DEFERRED_REFUSED);
  const unmailable = await unmailableRows(deps, rows, now);
  if (unmailable.size === 0) {
    if (refused) await markReplaying(deps.db, runId, idsOf(rows));
    return rows;
  }
  if (!refused) {
    deps.log.warn("digest.recovered_unmailable", { runId, rows: rows.length, unmailable: unmailable.size });
    return rows;
  }
  const why = "no longer to be mailed (unsubscribed, paused or suppressed) before its refused batch went out";
  await markStatus(deps.db, runId, [...unmailable], "skipped", why, now);
  summary.skipped += unmailable.size;
  const released = idsOf(rows).filter((id) => !unmailable.has(id));
  await releaseRefused(deps.db, runId, released);
  deps.log.info("digest.refused_batch_reformed", { runId, skipped: unmailable.size, released: released.length });
  return [];
}
