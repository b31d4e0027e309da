import { asc, eq } from "drizzle-orm";
import { expect } from "vitest";
import type { Db } from "../../../db/client";
import {
  deliveries,
  deliveryContents,
  jobRuns,
  mailedFingerprints,
  listings,
  listingSources,
  preferences,
  subscribers,
  suppressions,
} from "../../../db/schema";
import type { AcceptedEmail, FakeResend } from "../../support/fake-resend";
import { createDepsWithFakeResend, instantRetry } from "../../support/deps";
import { givenListing } from "../../support/listing-factory";
import { givenSubscribers } from "../../support/subscriber-factory";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { runDigest, type DigestRunSummary } from "../../../src/digest/run";

export type DigestDeps = Awaited<ReturnType<typeof createDepsWithFakeResend>>;

/** The usual setup for digest tests: real SDK, fake Resend, no real pacing between batches. */
export async function createDigestDeps(now = "2026-03-23T00:00:00Z"): Promise<DigestDeps> {
  const deps = await createDepsWithFakeResend({
    now,
    env: { SEND_RATE_PER_SEC: "1000", PUBLIC_URL: "https://weekly.example.com" },
  });
  // WAL without an fsync per commit: hundreds of simulated ticks stay fast; durability is not under test here.
  await deps.database.client.execute("PRAGMA synchronous = NORMAL");
  return deps;
}

/** Empties every table a digest test writes, and the fake's memory. */
export async function resetDigestState(deps: DigestDeps): Promise<void> {
  deps.fake.reset();
  deps.retry = instantRetry();
  for (const table of [
    deliveryContents,
    mailedFingerprints,
    deliveries,
    jobRuns,
    listingSources,
    listings,
    preferences,
    subscribers,
    suppressions,
  ])
    await deps.db.delete(table);
}

export const isDigest = (e: AcceptedEmail) => e.tags.some((t) => t.name === "kind" && t.value === "digest");

/** Digest emails the provider accepted, in acceptance order. */
export const digestMails = (fake: FakeResend) => fake.accepted.filter(isDigest);

/** A week with three new Go listings in the days before `week`, and `count` subscribers due at it. */
export async function givenWeek(db: Db, week: Date, count: number) {
  for (const d of [1, 2, 3]) await givenListing(db, { stacks: ["go"] }, new Date(week.getTime() - d * 86_400_000));
  return givenSubscribers(
    db,
    week,
    Array.from({ length: count }, () => ({})),
  );
}

/** Every one of `subs` got exactly one digest, and nobody else got any. */
export function expectEachMailedOnce(fake: FakeResend, subs: { email: string }[]) {
  expect(mailsPerAddress(fake)).toEqual(new Map(subs.map((s) => [s.email, 1])));
}

/** How many digests each address was sent (what a reader's inbox would show). */
export function mailsPerAddress(fake: FakeResend): Map<string, number> {
  const counts = new Map<string, number>();
  for (const e of digestMails(fake)) for (const to of e.to) counts.set(to, (counts.get(to) ?? 0) + 1);
  return counts;
}

export const ledger = (db: Db) => db.select().from(deliveries).orderBy(asc(deliveries.createdAt), asc(deliveries.id));

/** Ledger rows counted by status, e.g. `{ sent: 3, skipped: 1 }`. */
export async function ledgerCounts(db: Db): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const row of await ledger(db)) counts[row.status] = (counts[row.status] ?? 0) + 1;
  return counts;
}

/** Every tick of a 15-minute scheduler from `from` (inclusive) to `to` (exclusive). */
export function ticks(from: string, to: string, everyMs = 15 * 60_000): Date[] {
  const out: Date[] = [];
  for (let t = new Date(from).getTime(); t < new Date(to).getTime(); t += everyMs) out.push(new Date(t));
  return out;
}

/** How many listing fingerprints count as mailed: those of every sent digest. */
export async function mailedFingerprintCount(db: DigestDeps["db"]): Promise<number> {
  const sent = await db.select({ fps: deliveries.fingerprints }).from(deliveries).where(eq(deliveries.status, "sent"));
  return sent.reduce((n, d) => n + (d.fps?.length ?? 0), 0);
}

/** Runs the digest as the scheduler would, each run after the previous one's claims lapsed, until nothing is left `sending`. */
export async function runUntilSettled(deps: DigestDeps, start: Date, maxRuns = 12): Promise<DigestRunSummary[]> {
  const runs: DigestRunSummary[] = [];
  let now = start;
  for (let i = 0; i < maxRuns; i++) {
    deps.clock.set(now);
    runs.push(await runDigest(deps, { now }));
    const counts = await ledgerCounts(deps.db);
    if (!counts.planned && !counts.sending) return runs;
    now = new Date(now.getTime() + CLAIM_MS + 60_000);
  }
  throw new Error(`still unsettled after ${maxRuns} runs: ${JSON.stringify(await ledgerCounts(deps.db))}`);
}
