import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { emptyWeekNotes, type EmptyWeekNoteRow } from "../../db/schema";
import type { Deps } from "../deps";
import { MailError, type OutgoingEmail } from "../mail/mailer";
import { sendWithRetry } from "../mail/send-with-retry";
import { findEmptyStreaks } from "./empty-streaks";
import { composeEmptyWeekNote } from "./empty-week-note";
import { CLAIM_MS, PROVIDER_KEY_TTL_MS } from "./ledger";
import { loadPool } from "./load";
import type { SubscriberSlice } from "./due";
import type { CandidatePool } from "./pool";

export interface EmptyWeekSummary {
  notesSent: number;
  notesFailed: number;
  notesUnknown: number;
}

type NoteDeps = Pick<Deps, "db" | "mailer" | "config" | "retry" | "log" | "signer">;

/**
 * The empty-week notes (issue 18.5), run by every weekly run after this week's digests: finishes
 * notes a dead run left `sending` (the stored message, the same key), then writes and sends one
 * note to each subscriber whose second empty week in a row has just been recorded. Exactly once:
 * the row (subscriber, week) is inserted before the provider call, by one run only (ON CONFLICT
 * DO NOTHING), and every later try re-sends its stored bytes under its key, which the provider
 * answers from memory. Safe to run concurrently and repeatedly. A sliced run (Workers) writes and
 * sends the new notes of its slice's subscribers only; lapsed notes are finished whoever they are for.
 */
export async function sendEmptyWeekNotes(
  deps: NoteDeps,
  input: { now: Date; runId: string; slice?: SubscriberSlice },
): Promise<EmptyWeekSummary> {
  const summary: EmptyWeekSummary = { notesSent: 0, notesFailed: 0, notesUnknown: 0 };
  if ((await finishLapsed(deps, input, summary)) === "stop") return summary;
  let pool: CandidatePool | undefined;
  for (const due of await findEmptyStreaks(deps.db, input.now, input.slice)) {
    pool ??= await loadPool(deps.db);
    const email = await composeEmptyWeekNote(deps, pool, { ...due, now: input.now });
    const row = await insertNote(deps.db, due, email, input);
    if (row && (await deliver(deps, row, email, input, summary)) === "stop") break;
  }
  if (summary.notesSent + summary.notesFailed + summary.notesUnknown)
    deps.log.info("digest.empty_week_notes", { runId: input.runId, ...summary });
  return summary;
}

async function insertNote(
  db: Db,
  due: { subscriberId: string; period: string },
  email: OutgoingEmail,
  input: { now: Date; runId: string },
) {
  const { now, runId } = input;
  const [row] = await db
    .insert(emptyWeekNotes)
    .values({
      subscriberId: due.subscriberId,
      period: due.period,
      status: "sending",
      // Derived from the row: any run re-sending it uses the same key.
      idempotencyKey: `empty-weeks:${due.subscriberId}:${due.period}`,
      claimedBy: runId,
      claimExpiresAt: new Date(now.getTime() + CLAIM_MS),
      firstSendAt: now,
      payload: { ...email },
      createdAt: now,
      updatedAt: now,
    })
    .onConflictDoNothing()
    .returning();
  return row;
}

/** One note's row, and notes whose claim has lapsed (or was never taken). */
const noteOf = (row: { subscriberId: string; period: string }) =>
  and(eq(emptyWeekNotes.subscriberId, row.subscriberId), eq(emptyWeekNotes.period, row.period));
const unclaimed = (now: Date) => or(isNull(emptyWeekNotes.claimExpiresAt), lt(emptyWeekNotes.claimExpiresAt, now));

/** Notes whose run died while sending them: re-sent as stored once the claim lapses, or `unknown` past the key window. */
async function finishLapsed(
  deps: NoteDeps,
  input: { now: Date; runId: string },
  summary: EmptyWeekSummary,
): Promise<"ok" | "stop"> {
  const { db } = deps;
  const { now, runId } = input;
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
    const claim = { claimedBy: runId, claimExpiresAt: new Date(now.getTime() + CLAIM_MS), updatedAt: now };
    const [claimed] = await db.update(emptyWeekNotes).set(claim).where(stillLapsed).returning();
    const email = claimed?.payload as unknown as OutgoingEmail;
    if (claimed && (await deliver(deps, claimed, email, input, summary)) === "stop") return "stop";
  }
  return "ok";
}

/**
 * Hands one note to the provider under its row's key and records the outcome. A message the
 * provider will never take (validation) is `failed`; anything that may pass later (5xx after the
 * retries, network, quota, auth) stays `sending` with its claim, so a later run re-sends it; the
 * run stops sending notes, as the provider is not taking them now.
 */
async function deliver(
  deps: NoteDeps,
  row: EmptyWeekNoteRow,
  email: OutgoingEmail,
  input: { now: Date; runId: string },
  summary: EmptyWeekSummary,
): Promise<"ok" | "stop"> {
  const mine = and(noteOf(row), eq(emptyWeekNotes.claimedBy, input.runId));
  const mark = (set: Partial<EmptyWeekNoteRow>) =>
    deps.db
      .update(emptyWeekNotes)
      .set({ ...set, updatedAt: input.now })
      .where(mine);
  await deps.db
    .update(emptyWeekNotes)
    .set({ attempts: sql`${emptyWeekNotes.attempts} + 1` })
    .where(mine);
  try {
    const { id } = await sendWithRetry(deps.mailer, email, row.idempotencyKey, deps.retry);
    const sent = { providerMessageId: id, sentAt: input.now, claimedBy: null, claimExpiresAt: null, error: null };
    await mark({ status: "sent", ...sent });
    summary.notesSent++;
    return "ok";
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    const error = `${err.kind}: ${err.message}`.slice(0, 500);
    if (err.kind === "validation") {
      await mark({ status: "failed", error, claimedBy: null });
      summary.notesFailed++;
      return "ok";
    }
    await mark({ error });
    deps.log.warn("digest.empty_week_note_deferred", { kind: err.kind });
    return "stop";
  }
}
