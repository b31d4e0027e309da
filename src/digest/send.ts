import { inArray } from "drizzle-orm";
import { listings, type DeliveryRow } from "../../db/schema";
import type { Deps } from "../deps";
import { BATCH_LIMIT, MailError, type OutgoingEmail } from "../mail/mailer";
import { createPacer } from "../mail/pacer";
import { sendBatchWithRetry } from "../mail/send-with-retry";
import { claimPlanned, claimStuckBatches, markSending, markSent, markStatus, PROVIDER_KEY_TTL_MS } from "./ledger";
import { loadSuppressed } from "./load";
import { emailFromStored } from "./compose";
import { prepareBatch, type ListingCache } from "./prepare";

export interface SendSummary {
  sent: number;
  failed: number;
  skipped: number;
  /** Left in `sending` after retries ran out; a later run retries them with the same key. */
  deferred: number;
  /** In `sending` for longer than the provider keeps keys: reported, never resent blindly. */
  unknown: number;
  /** Digests of a run that died, finished by this one. */
  recovered: number;
  batches: number;
}

type SendDeps = Pick<Deps, "db" | "mailer" | "config" | "retry" | "log">;

/**
 * Phase two of the weekly run: finish batches a dead run left in `sending` (same content, same
 * idempotency key, so the provider replays instead of mailing twice), then claim planned
 * digests a batch at a time, fix their content in the ledger, and hand them to the provider at
 * SEND_RATE_PER_SEC. A listing counts as mailed only once the provider accepted the message.
 * Stops early on errors that retrying cannot fix (quota, auth) or when the provider stays down.
 */
export async function sendPlanned(deps: SendDeps, input: { now: Date; runId: string; onProgress?: (line: string) => void }): Promise<SendSummary> {
  const { now, runId } = input;
  const summary: SendSummary = { sent: 0, failed: 0, skipped: 0, deferred: 0, unknown: 0, recovered: 0, batches: 0 };
  const pace = createPacer(deps.config.sendRatePerSec);
  // Claims are stamped with the run's time plus what has elapsed since it started, so a long run
  // keeps fresh claims and is not overtaken while alive.
  const started = performance.now();
  const claimTime = () => new Date(now.getTime() + Math.round(performance.now() - started));
  const deliver = async (key: string, rows: Pick<DeliveryRow, "id" | "subscriberId">[], emails: OutgoingEmail[], fingerprints: Map<string, string[]>, recovering: boolean) => {
    await pace();
    summary.batches++;
    try {
      const { ids } = await sendBatchWithRetry(deps.mailer, emails, key, deps.retry);
      const moved = await markSent(deps.db, rows, ids, fingerprints, now);
      summary.sent += moved;
      if (recovering) summary.recovered += moved;
      return "ok" as const;
    } catch (err) {
      const e = err instanceof MailError ? err : new MailError("network", String(err));
      deps.log.error("digest.batch_failed", { runId, kind: e.kind, message: e.message, rows: rows.length });
      if (e.retryable) {
        summary.deferred += rows.length;
        return "stop" as const; // rows stay `sending` under our claim; a later run retries them once it lapses
      }
      // A recovered batch refused as "different body for this key" may have gone out before: never resend it.
      const status = recovering ? "unknown" : "failed";
      await markStatus(deps.db, rows.map((r) => r.id), status, e.message, now);
      summary[status] += rows.length;
      return e.kind === "quota" || e.kind === "auth" ? ("stop" as const) : ("ok" as const);
    }
  };

  for (;;) {
    const stuck = await claimStuckBatches(deps.db, runId, claimTime(), 10);
    if (stuck.length === 0) break;
    for (const rows of stuck) {
      const expired = now.getTime() - (rows[0]!.firstSendAt?.getTime() ?? 0) > PROVIDER_KEY_TTL_MS;
      if (expired || rows.some((r) => !r.payload)) {
        // Past the provider's memory of the key, or without the exact content to repeat: never resend blindly.
        const why = expired ? "still sending after the provider's 24-hour idempotency window; not resent" : "content of the first attempt is missing; not resent";
        await markStatus(deps.db, rows.map((r) => r.id), "unknown", why, now);
        summary.unknown += rows.length;
        deps.log.warn("digest.unknown", { runId, rows: rows.length });
        continue;
      }
      const fingerprints = await fingerprintsOf(deps, rows);
      if ((await deliver(rows[0]!.idempotencyKey!, rows, await Promise.all(rows.map((r) => emailFromStored(r.payload!))), fingerprints, true)) === "stop") return summary;
    }
  }

  const suppressed = await loadSuppressed(deps.db);
  const listingCache: ListingCache = new Map();
  for (;;) {
    const claimed = await claimPlanned(deps.db, runId, claimTime(), BATCH_LIMIT);
    if (claimed.length === 0) break;
    const prepared = await prepareBatch(deps, claimed, now, suppressed, listingCache);
    for (const p of prepared) if (p.kind === "skip") await markStatus(deps.db, [p.row.id], "skipped", p.reason, now);
    summary.skipped += prepared.filter((p) => p.kind === "skip").length;
    const ready = prepared.filter((p) => p.kind === "email");
    if (ready.length === 0) continue;
    const key = `digest-batch:${crypto.randomUUID()}`;
    // Send only what we still held when fixing the batch: a run that took over a lapsed claim sends the rest.
    const marked = await markSending(deps.db, runId, key, ready, now);
    const emails = ready.filter((e) => marked.has(e.row.id));
    if (emails.length === 0) continue;
    const fingerprints = new Map(emails.map((e) => [e.row.id, e.fingerprints]));
    const outcome = await deliver(key, emails.map((e) => e.row), emails.map((e) => e.email), fingerprints, false);
    input.onProgress?.(`sent ${summary.sent}, skipped ${summary.skipped}, failed ${summary.failed}`);
    if (outcome === "stop") break;
  }
  return summary;
}

async function fingerprintsOf(deps: Pick<Deps, "db">, rows: DeliveryRow[]): Promise<Map<string, string[]>> {
  const ids = [...new Set(rows.flatMap((r) => r.listingIds ?? []))];
  const fp = new Map((await deps.db.select({ id: listings.id, fp: listings.fingerprint }).from(listings).where(inArray(listings.id, ids))).map((l) => [l.id, l.fp]));
  return new Map(rows.map((r) => [r.id, (r.listingIds ?? []).map((id) => fp.get(id)).filter((f): f is string => Boolean(f))]));
}
