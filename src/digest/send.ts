import type { DeliveryRow } from "../../db/schema";
import type { Deps } from "../deps";
import { BATCH_LIMIT, MailError } from "../mail/mailer";
import { MessagesNotMade, sendBatchWithRetry, type BatchMessages } from "../mail/send-with-retry";
import { claimPlanned, claimStuckBatches, markSending, markSent, markStatus, PROVIDER_KEY_TTL_MS, releaseRefused } from "./ledger";
import type { AcceptedBatches } from "./accepted-batches";
import { ledgerId } from "./ledger-id";
import { loadSuppressed } from "./load";
import { emailFromStored } from "./compose";
import { prepareBatch, type ListingCache } from "./prepare";

export interface SendSummary {
  sent: number;
  failed: number;
  skipped: number;
  /**
   * Not sent, left for a later run: batches still `sending` after their retries ran out (retried
   * with the same key), and batches refused for the quota or the API key (taken off the ledger,
   * so their subscribers are due again).
   */
  deferred: number;
  /** In `sending` for longer than the provider keeps keys: reported, never resent blindly. */
  unknown: number;
  /** Digests of a run that died, finished by this one. */
  recovered: number;
  batches: number;
}

export type SendDeps = Pick<Deps, "db" | "mailer" | "config" | "retry" | "log" | "signer" | "suppressionKeys">;

export const emptySendSummary = (): SendSummary => ({ sent: 0, failed: 0, skipped: 0, deferred: 0, unknown: 0, recovered: 0, batches: 0 });

/**
 * The time a run stamps on its claims: the run's time plus what has elapsed since it started, so
 * a long run keeps fresh claims and is not overtaken while alive.
 */
export function runClock(now: Date): () => Date {
  const started = performance.now();
  return () => new Date(now.getTime() + Math.round(performance.now() - started));
}

/**
 * What hands one fixed batch to the provider and records the outcome; "stop" ends the run.
 * `emails` renders the batch's messages from the ledger's content, again for each attempt.
 */
export type Deliver = (
  key: string,
  rows: Pick<DeliveryRow, "id">[],
  emails: BatchMessages,
  recovering: boolean,
) => Promise<"ok" | "stop">;

/**
 * Delivers batches whose content and key are already in the ledger (`sending`); the transport
 * spaces its requests at SEND_RATE_PER_SEC (transports/resend.ts). A listing counts as mailed
 * only once the provider accepted the message. With `accepted`, an accepted batch is marked sent
 * by the caller's next write (see AcceptedBatches) rather than at once.
 * Errors that retrying cannot fix (quota, auth) and a provider that stays down stop the run.
 */
export function createDeliverer(deps: SendDeps, summary: SendSummary, runId: string, now: Date, accepted?: AcceptedBatches): Deliver {
  return async (key, rows, emails, recovering) => {
    summary.batches++;
    try {
      const { ids } = await sendBatchWithRetry(deps.mailer, emails, key, deps.retry);
      // With `accepted`, the rows are marked sent with the run's next write (and counted then).
      if (accepted && !recovering) {
        accepted.add(rows, ids, now);
        return "ok";
      }
      const moved = await markSent(deps.db, rows, ids, now);
      summary.sent += moved;
      if (recovering) summary.recovered += moved;
      return "ok";
    } catch (err) {
      // Stored content that cannot be rendered is a bug or damage, not the provider's doing: it
      // ends the run loudly. The rows stay `sending` under our claim, as after any interrupted batch.
      if (err instanceof MessagesNotMade) throw err;
      const e = err instanceof MailError ? err : new MailError("network", String(err));
      deps.log.error("digest.batch_failed", { runId, kind: e.kind, message: e.message, rows: rows.length });
      if (e.retryable) {
        summary.deferred += rows.length;
        return "stop"; // rows stay `sending` under our claim; a later run retries them once it lapses
      }
      if (!recovering && (e.kind === "quota" || e.kind === "auth")) {
        // Refused whole: nothing went out. Off the ledger, so these subscribers are due again at the
        // next tick, like those the stopped run never reached (other batches of this run that were
        // already with the provider get the same answer and the same treatment).
        await releaseRefused(deps.db, runId, key, rows.map((r) => r.id));
        summary.deferred += rows.length;
        return "stop";
      }
      // A recovered batch refused as "different body for this key" may have gone out before: never resend it.
      const status = recovering ? "unknown" : "failed";
      await markStatus(deps.db, runId, rows.map((r) => r.id), status, e.message, now);
      summary[status] += rows.length;
      return e.kind === "quota" || e.kind === "auth" ? "stop" : "ok";
    }
  };
}

type Phase = { now: Date; runId: string; summary: SendSummary; deliver: Deliver; claimTime: () => Date; onProgress?: (line: string) => void };

/** Finishes batches a dead run left in `sending`, byte for byte, or marks them `unknown`. */
export async function recoverStuck(deps: SendDeps, { now, runId, summary, deliver, claimTime }: Phase): Promise<"ok" | "stop"> {
  for (;;) {
    const stuck = await claimStuckBatches(deps.db, runId, claimTime(), 10);
    if (stuck.length === 0) return "ok";
    for (const rows of stuck) {
      const expired = now.getTime() - (rows[0]!.firstSendAt?.getTime() ?? 0) > PROVIDER_KEY_TTL_MS;
      if (expired || rows.some((r) => !r.payload)) {
        // Past the provider's memory of the key, or without the exact content to repeat: never resend blindly.
        const why = expired ? "still sending after the provider's 24-hour idempotency window; not resent" : "content of the first attempt is missing; not resent";
        await markStatus(deps.db, runId, rows.map((r) => r.id), "unknown", why, now);
        summary.unknown += rows.length;
        deps.log.warn("digest.unknown", { runId, rows: rows.length });
        continue;
      }
      if ((await deliver(rows[0]!.idempotencyKey!, rows, () => Promise.all(rows.map((r) => emailFromStored(r.payload!))), true)) === "stop") return "stop";
    }
  }
}

/** Sends `planned` rows nobody holds, re-checked against the current state (see prepare.ts). */
export async function sendLeftovers(deps: SendDeps, { now, runId, summary, deliver, claimTime, onProgress }: Phase): Promise<"ok" | "stop"> {
  const suppressed = await loadSuppressed(deps.db);
  const listingCache: ListingCache = new Map();
  for (;;) {
    const claimed = await claimPlanned(deps.db, runId, claimTime(), BATCH_LIMIT);
    if (claimed.length === 0) return "ok";
    const prepared = await prepareBatch(deps, claimed, now, suppressed, listingCache);
    for (const p of prepared) if (p.kind === "skip") await markStatus(deps.db, runId, [p.row.id], "skipped", p.reason, now);
    summary.skipped += prepared.filter((p) => p.kind === "skip").length;
    const ready = prepared.filter((p) => p.kind === "email");
    if (ready.length === 0) continue;
    const key = `digest-batch:${ledgerId()}`;
    // Send only what we still held when fixing the batch: a run that took over a lapsed claim sends the rest.
    const marked = await markSending(deps.db, runId, key, ready, now);
    const emails = ready.filter((e) => marked.has(e.row.id));
    if (emails.length === 0) continue;
    const outcome = await deliver(key, emails.map((e) => e.row), emails.map((e) => e.email), false);
    onProgress?.(`sent ${summary.sent}, skipped ${summary.skipped}, failed ${summary.failed}`);
    if (outcome === "stop") return "stop";
  }
}
