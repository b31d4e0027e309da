import { createExecutionContext } from "cloudflare:test";
import { env } from "cloudflare:test";
import { beforeEach, describe, expect, it } from "vitest";
import { deliveries } from "../../db/schema";
import { consumeDigestSlice } from "../../src/workers/consumer";
import { buildWorkerDeps } from "../../src/workers/deps";
import { d1, givenWeek, MONDAY } from "./support/seed";
import { fakeResend } from "./support/worker";

const db = d1();
const NOTE_SUBJECT = "Nothing matched your filters for two weeks";
const WEEK = 7 * 86_400_000;

beforeEach(async () => {
  await fakeResend("/reset");
});

/** One queue message's slice, run as the consumer runs it. */
async function runSlice(slice: { fromId: string; toId: string }) {
  const deps = await buildWorkerDeps(env, createExecutionContext());
  return consumeDigestSlice(deps, { kind: "digest", ...slice, now: MONDAY.toISOString() });
}

/**
 * The ledger as a slice whose consumer died after recording `who`'s second empty week in a row,
 * before its notes went out: skipped, nothing matched, this week (2026-W50) and last week.
 */
async function givenTwoEmptyWeeksRecorded(who: { id: string }) {
  const row = (period: string, at: Date) => ({
    id: crypto.randomUUID(),
    subscriberId: who.id,
    kind: "digest",
    period,
    status: "skipped" as const,
    totalMatches: 0,
    error: "no new matching listings",
    createdAt: at,
    updatedAt: at,
  });
  await db.insert(deliveries).values([row("2026-W49", new Date(MONDAY.getTime() - WEEK)), row("2026-W50", MONDAY)]);
}

const notesTo = async () =>
  (await fakeResend("/accepted")).filter((m) => m.subject === NOTE_SUBJECT).map((m) => m.to[0]);

describe("empty-week notes on Workers: each slice sends its own subscribers' notes", () => {
  it("a slice leaves another slice's note to that slice, which sends it once however often it runs", async () => {
    const [reader, other] = await givenWeek(db, 2);
    await givenTwoEmptyWeeksRecorded(other!);

    // The reader's slice: their digest, and nothing for a subscriber outside it (before the fix it
    // searched every slice's empty weeks, work that grew with the whole run, and sent this note).
    const mine = await runSlice({ fromId: reader!.id, toId: reader!.id });
    expect(mine).toMatchObject({ planned: 1, sent: 1 });
    expect(await notesTo()).toEqual([]);

    // The other slice's redelivery: its subscriber is no longer due, and gets their note, once.
    await runSlice({ fromId: other!.id, toId: other!.id });
    await runSlice({ fromId: other!.id, toId: other!.id });
    expect(await notesTo()).toEqual([other!.email]);
  });
});
