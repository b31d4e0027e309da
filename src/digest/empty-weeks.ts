import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import { emptyWeekNotes, preferences, subscribers, type EmptyWeekNoteRow } from "../../db/schema";
import type { Deps } from "../deps";
import { MailError, type OutgoingEmail } from "../mail/mailer";
import { sendWithRetry } from "../mail/send-with-retry";
import { isPaused } from "../subscribers/pause";
import { suppressedEmails } from "../subscribers/suppression";
import { findEmptyStreaks } from "./empty-streaks";
import { composeEmptyWeekNote } from "./empty-week-note";
import { CLAIM_MS, PROVIDER_KEY_TTL_MS } from "./ledger";
import { loadPool } from "./load";
import type { SubscriberSlice } from "./due";
import type { CandidatePool } from "./pool";

type EmptyWeekSummary = { notesSent: number; notesFailed: number; notesUnknown: number };
type NoteDeps = Pick<Deps, "db" | "mailer" | "config" | "retry" | "log" | "signer" | "suppressionKeys">;
type NoteRun = { deps: NoteDeps; now: Date; runId: string; summary: EmptyWeekSummary };

/**
 * The empty-week notes (issue 18.5), after this week's digests: finishes notes a dead run left
 * `sending`, then sends one to each subscriber whose second empty week in a row was just recorded.
 * Exactly once: one run inserts the (subscriber, week) row with its message before the provider
 * call, and every later try resends those bytes under the row's key. Safe to run concurrently.
 */
export async function sendEmptyWeekNotes(
  deps: NoteDeps,
  input: { now: Date; runId: string; slice?: SubscriberSlice },
): Promise<EmptyWeekSummary> {
  const { db } = deps;
  const { now, runId } = input;
  const summary = { notesSent: 0, notesFailed: 0, notesUnknown: 0 };
  const run: NoteRun = { deps, now, runId, summary };
  if ((await finishLapsed(run)) === "stop") return summary;
  let pool: CandidatePool | undefined;
  for (const due of await findEmptyStreaks(db, now, input.slice)) {
    pool ??= await loadPool(db);
    const email = await composeEmptyWeekNote(deps, pool, { ...due, now });
    // The row and its message go in before the provider call; a concurrent run's row stays and is not sent here.
    const [row] = await db
      .insert(emptyWeekNotes)
      .values({
        subscriberId: due.subscriberId,
        period: due.period,
        status: "sending",
        idempotencyKey: `empty-weeks:${due.subscriberId}:${due.period}`,
        claimedBy: runId,
        claimExpiresAt: new Date(now.getTime() + CLAIM_MS),
        firstSendAt: now,
        attempts: 1,
        payload: { ...email },
        createdAt: now,
        updatedAt: now,
      })
      .onConflictDoNothing()
      .returning();
    if (row && (await deliver(run, row)) === "stop") break;
  }
  if (summary.notesSent + summary.notesFailed + summary.notesUnknown)
    deps.log.info("digest.empty_week_notes", { runId, ...summary });
  return summary;
}

/** One note's row; notes whose claim has lapsed. */
const noteOf = (row: { subscriberId: string; period: string }) =>
  and(eq(emptyWeekNotes.subscriberId, row.subscriberId), eq(emptyWeekNotes.period, row.period));
const unclaimed = (now: Date) => or(isNull(emptyWeekNotes.claimExpiresAt), lt(emptyWeekNotes.claimExpiresAt, now));

/**
 * Notes whose run died or was deferred sending them: re-sent as stored once the claim lapses, `unknown`
 * past the key window, or `skipped` when their subscriber no longer wants them (stillWanted).
 */
async function finishLapsed(run: NoteRun): Promise<"ok" | "stop"> {
  const { deps, now, runId, summary } = run;
  const { db } = deps;
  const lapsed = await db
    .select()
    .from(emptyWeekNotes)
    .where(and(eq(emptyWeekNotes.status, "sending"), unclaimed(now)));
  for (const row of lapsed) {
    const stillLapsed = and(noteOf(row), eq(emptyWeekNotes.status, "sending"), unclaimed(now));
    if (now.getTime() - (row.firstSendAt ?? row.createdAt).getTime() > PROVIDER_KEY_TTL_MS) {
      const unknown = { status: "unknown" as const, claimedBy: null, updatedAt: now };
      if ((await db.update(emptyWeekNotes).set(unknown).where(stillLapsed).returning()).length) {
        summary.notesUnknown++;
        deps.log.warn("digest.empty_week_note_unknown", { subscriberId: row.subscriberId, period: row.period });
      }
      continue;
    }
    if (!(await stillWanted(deps, row, now))) {
      // Unsubscribed, bounced, paused or notes turned off since: stopping mail wins. Not sending
      // again can never mail twice; an earlier attempt the provider may have taken went out or did not.
      const skipped = { status: "skipped" as const, claimedBy: null, error: NO_LONGER_WANTED, updatedAt: now };
      if ((await db.update(emptyWeekNotes).set(skipped).where(stillLapsed).returning()).length)
        deps.log.info("digest.empty_week_note_skipped", { subscriberId: row.subscriberId, period: row.period });
      continue;
    }
    const attempts = sql`${emptyWeekNotes.attempts} + 1`;
    const claim = { claimedBy: runId, claimExpiresAt: new Date(now.getTime() + CLAIM_MS), attempts, updatedAt: now };
    const [claimed] = await db.update(emptyWeekNotes).set(claim).where(stillLapsed).returning();
    if (claimed && (await deliver(run, claimed)) === "stop") return "stop";
  }
  return "ok";
}

const NO_LONGER_WANTED = "no longer to be mailed: unsubscribed, suppressed, paused or notes turned off";

/**
 * Whether the note's subscriber still wants it now: confirmed, not paused, notes on, address not
 * suppressed (what findEmptyStreaks asked when the note was composed, asked again before a resend).
 */
async function stillWanted(deps: Pick<NoteDeps, "db" | "suppressionKeys">, row: EmptyWeekNoteRow, now: Date) {
  const [sub] = await deps.db
    .select({ status: subscribers.status, pausedUntil: subscribers.pausedUntil, notes: preferences.emptyWeekNotes })
    .from(subscribers)
    .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
    .where(eq(subscribers.id, row.subscriberId));
  if (!sub || sub.status !== "confirmed" || isPaused(sub, now) || !sub.notes) return false;
  const to = (row.payload as unknown as OutgoingEmail | null)?.to;
  return !to || (await suppressedEmails(deps.db, deps.suppressionKeys, [to])).size === 0;
}

/**
 * Sends one note under its row's key and records the outcome: `failed` on validation; anything
 * that may pass later stays `sending` for a later run, and this run stops sending notes.
 */
async function deliver({ deps, now, runId, summary }: NoteRun, row: EmptyWeekNoteRow): Promise<"ok" | "stop"> {
  // Still ours and still `sending`: a run that took the note over (our claim lapsed in long
  // retries) records and counts it itself; counting it here too reported one note twice.
  const mine = and(noteOf(row), eq(emptyWeekNotes.claimedBy, runId), eq(emptyWeekNotes.status, "sending"));
  const mark = async (set: Partial<EmptyWeekNoteRow>) =>
    (await deps.db.update(emptyWeekNotes).set(set).where(mine).returning({ id: emptyWeekNotes.subscriberId })).length;
  try {
    const email = row.payload as unknown as OutgoingEmail;
    const { id } = await sendWithRetry(deps.mailer, email, row.idempotencyKey, deps.retry);
    const sent = { providerMessageId: id, sentAt: now, claimedBy: null, claimExpiresAt: null, error: null };
    summary.notesSent += await mark({ status: "sent", ...sent, updatedAt: now });
    return "ok";
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    const error = `${err.kind}: ${err.message}`.slice(0, 500);
    if (err.kind === "validation") {
      summary.notesFailed += await mark({ status: "failed", error, claimedBy: null, updatedAt: now });
      return "ok";
    }
    await mark({ error, updatedAt: now });
    deps.log.warn("digest.empty_week_note_deferred", { kind: err.kind });
    return "stop";
  }
}
