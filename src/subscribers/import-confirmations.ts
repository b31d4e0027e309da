import { and, asc, eq, inArray, ne } from "drizzle-orm";
import type { Db } from "../../db/client";
import { inJsonList } from "../../db/json-list";
import { confirmationSends, preferences as preferencesTable, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { BATCH_LIMIT, MailError } from "../mail/mailer";
import { sendBatchWithRetry } from "../mail/send-with-retry";
import { buildConfirmEmail } from "./emails";

/** Resend keeps an idempotency key for 24 hours: a batch `sending` for longer could mail twice if resent. */
const PROVIDER_KEY_TTL_MS = 24 * 60 * 60_000;

export interface ConfirmationsSummary {
  sent: number;
  /** Batches an interrupted run left with the provider, finished with the same key (counted in `sent` too). */
  resumed: number;
  /** Planned for someone no longer pending (confirmed or unsubscribed meanwhile): not mailed. */
  skipped: number;
  /** `sending` past the provider's key window: reported, never resent. */
  unknown: number;
  /** Messages the provider would not take (their address), while it sent the rest of their batch. */
  refused: number;
  /** Set when the provider refused or stayed down: what is left is sent by the next run. */
  mailError?: string;
}

type ConfirmDeps = Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log" | "signer">;

/**
 * Sends every import confirmation not yet sent, each once (see db/schema/confirmation-sends.ts):
 * first the batches a killed run left `sending` (same key, same messages, so the provider replays
 * rather than mails again), then what is `planned`, 100 per provider call, each batch's key fixed
 * in the database before the call. Safe to run again at any point and beside another run: a
 * planned row moves to `sending` in one conditional UPDATE, so two runs never share it.
 */
export async function sendImportConfirmations(
  deps: ConfirmDeps,
  progress: (line: string) => void = () => {},
): Promise<ConfirmationsSummary> {
  const summary: ConfirmationsSummary = { sent: 0, resumed: 0, skipped: 0, unknown: 0, refused: 0 };
  const now = () => deps.clock.now();
  const stuck = await deps.db
    .selectDistinct({ key: confirmationSends.idempotencyKey })
    .from(confirmationSends)
    .where(eq(confirmationSends.status, "sending"));
  for (const { key } of stuck) {
    const outcome = await sendBatch(deps, key!, summary, true);
    if (outcome === "stop") return summary;
  }
  const notPending = deps.db.select({ id: subscribers.id }).from(subscribers).where(ne(subscribers.status, "pending"));
  const skipped = await deps.db
    .update(confirmationSends)
    .set({ status: "skipped", updatedAt: now() })
    .where(and(eq(confirmationSends.status, "planned"), inArray(confirmationSends.subscriberId, notPending)))
    .returning({ id: confirmationSends.subscriberId });
  summary.skipped = skipped.length;
  for (;;) {
    const key = await claimBatch(deps.db, now());
    if (!key) break;
    if ((await sendBatch(deps, key, summary, false)) === "stop") return summary;
    progress(`mailed ${summary.sent} confirmations`);
  }
  deps.log.info("import.confirmations_sent", {
    sent: summary.sent,
    resumed: summary.resumed,
    skipped: summary.skipped,
    unknown: summary.unknown,
    refused: summary.refused,
  });
  return summary;
}

/** Moves up to 100 planned rows of pending subscribers to `sending` under a new key; null when none is left. */
async function claimBatch(db: Db, now: Date): Promise<string | null> {
  const key = `import-confirm:${crypto.randomUUID()}`;
  const next = db
    .select({ id: confirmationSends.subscriberId })
    .from(confirmationSends)
    .innerJoin(subscribers, eq(subscribers.id, confirmationSends.subscriberId))
    .where(and(eq(confirmationSends.status, "planned"), eq(subscribers.status, "pending")))
    .orderBy(asc(confirmationSends.createdAt), asc(confirmationSends.subscriberId))
    .limit(BATCH_LIMIT);
  const claimed = await db
    .update(confirmationSends)
    .set({ status: "sending", idempotencyKey: key, firstSendAt: now, updatedAt: now })
    .where(and(inArray(confirmationSends.subscriberId, next), eq(confirmationSends.status, "planned")))
    .returning({ id: confirmationSends.subscriberId });
  return claimed.length ? key : null;
}

/** Sends the batch under `key` (its rows in subscriber id order: the same messages every time) and records the outcome. */
async function sendBatch(
  deps: ConfirmDeps,
  key: string,
  summary: ConfirmationsSummary,
  resuming: boolean,
): Promise<"ok" | "stop"> {
  const now = deps.clock.now();
  const rows = await deps.db
    .select({
      id: subscribers.id,
      email: subscribers.email,
      firstSendAt: confirmationSends.firstSendAt,
      prefs: preferencesTable,
    })
    .from(confirmationSends)
    .innerJoin(subscribers, eq(subscribers.id, confirmationSends.subscriberId))
    .innerJoin(preferencesTable, eq(preferencesTable.subscriberId, subscribers.id))
    .where(and(eq(confirmationSends.idempotencyKey, key), eq(confirmationSends.status, "sending")))
    .orderBy(asc(subscribers.id));
  if (rows.length === 0) return "ok";
  const byKey = and(eq(confirmationSends.idempotencyKey, key), eq(confirmationSends.status, "sending"));
  if (rows.some((r) => r.firstSendAt && now.getTime() - r.firstSendAt.getTime() > PROVIDER_KEY_TTL_MS)) {
    const marked = await deps.db
      .update(confirmationSends)
      .set({ status: "unknown", updatedAt: now })
      .where(byKey)
      .returning({ id: confirmationSends.subscriberId });
    summary.unknown += marked.length;
    deps.log.warn("import.confirmations_unknown", { rows: marked.length });
    return "ok";
  }
  const build = () =>
    Promise.all(
      rows.map(({ id, email, prefs: { subscriberId: _s, ...prefs } }) => buildConfirmEmail(deps, email, id, prefs)),
    );
  let refused: string[];
  try {
    const result = await sendBatchWithRetry(deps.mailer, await build(), key, deps.retry);
    refused = result.refused.map(({ index }) => rows[index]!.id);
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    if (resuming && err.kind === "validation") {
      // Resend will not replay a left batch (409: a different body under its key, e.g. links signed
      // with a rotated secret). It may have gone out, so it is never resent: `unknown`, reported, and
      // the run goes on (stopping here held up every confirmation planned after it for 24 hours).
      const marked = await deps.db
        .update(confirmationSends)
        .set({ status: "unknown", updatedAt: now })
        .where(byKey)
        .returning({ id: confirmationSends.subscriberId });
      summary.unknown += marked.length;
      deps.log.warn("import.confirmations_unknown", { rows: marked.length, kind: err.kind });
      return "ok";
    }
    summary.mailError = err.message;
    deps.log.error("import.confirmations_failed", { sent: summary.sent, kind: err.kind });
    if (!err.retryable && !resuming) {
      // Refused whole (quota, key, validation): nothing went out. Planned again for the next run.
      await deps.db
        .update(confirmationSends)
        .set({ status: "planned", idempotencyKey: null, firstSendAt: null, updatedAt: now })
        .where(byKey);
    }
    return "stop";
  }
  // One batch: a run killed between the two updates left the accepted rows `sending` without the
  // refused ones, a different batch under the same key that the provider refuses to replay. The
  // refused ids travel as one JSON value: up to 100 of them bound one by one passed D1's 100 parameters.
  const [marked, sent] = await deps.db.batch([
    deps.db
      .update(confirmationSends)
      .set({ status: "refused", updatedAt: now })
      .where(and(byKey, inJsonList(confirmationSends.subscriberId, refused)))
      .returning({ id: confirmationSends.subscriberId }),
    deps.db
      .update(confirmationSends)
      .set({ status: "sent", sentAt: now, updatedAt: now })
      .where(byKey)
      .returning({ id: confirmationSends.subscriberId }),
  ]);
  summary.refused += marked.length;
  summary.sent += sent.length;
  if (resuming) summary.resumed += sent.length;
  return "ok";
}

/** Confirmation rows planned with a batch of new subscribers (written in the same transaction as they are). */
export const plannedConfirmations = (ids: string[], now: Date) =>
  ids.map((subscriberId) => ({ subscriberId, status: "planned" as const, createdAt: now, updatedAt: now }));
