import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sendRateBuckets } from "../../db/schema/send-rate";
import type { Mailer } from "./mailer";

export interface Pacer {
  /**
   * Runs `request` at the next slot. `holdNext`: the request is known to leave late (a process's
   * first: fetch's code still cold, the connection new, ~75 ms measured), so the next slot waits
   * until an interval after it has returned (and so after it reached the provider).
   */
  run<T>(request: () => Promise<T>, holdNext: boolean): Promise<T>;
}

/**
 * Spaces provider requests to at most `ratePerSec` for every process on the database
 * (db/schema/send-rate.ts): each request reserves the next free start time with one atomic
 * UPDATE … RETURNING (`next_at = max(next_at, now) + interval`; no interactive transaction, so
 * libSQL, Turso and D1 alike) and waits for it. Spacing from starts, not ends, keeps slow calls
 * from drifting the rate below the limit. 3% slack: a request reaches the provider after a small,
 * variable delay, and a provider counting per fixed second must never see one more than the limit.
 * Wall-clock times: the processes must share a clock (one machine, or NTP).
 */
export function createSharedPacer(
  db: Db,
  ratePerSec: number,
  opts: { name?: string; clock?: { now(): number; sleep(ms: number): Promise<void> } } = {},
): Pacer {
  const name = opts.name ?? "resend";
  const clock = opts.clock ?? wallClock;
  const interval = Math.ceil((1000 / ratePerSec) * 1.03);
  let created: Promise<unknown> | null = null;
  const reserve = async (span: number): Promise<number> => {
    created ??= db.insert(sendRateBuckets).values({ name, nextAt: 0 }).onConflictDoNothing();
    await created;
    const now = clock.now();
    const [row] = await db
      .update(sendRateBuckets)
      .set({ nextAt: sql`max(${sendRateBuckets.nextAt}, ${now}) + ${span}` })
      .where(eq(sendRateBuckets.name, name))
      .returning({ nextAt: sendRateBuckets.nextAt });
    return row!.nextAt - span;
  };
  // Gives back what a held slot did not need, only if nobody has reserved after it meanwhile.
  const release = async (heldUntil: number, until: number) => {
    if (until >= heldUntil) return;
    await db
      .update(sendRateBuckets)
      .set({ nextAt: until })
      .where(and(eq(sendRateBuckets.name, name), eq(sendRateBuckets.nextAt, heldUntil)));
  };
  return {
    async run(request, holdNext) {
      // A held request reserves two intervals, so a request reserved while it is in flight cannot
      // land close behind it; once it returns, the next slot moves up to an interval after that.
      const span = holdNext ? 2 * interval : interval;
      const slot = await reserve(span);
      const wait = slot - clock.now();
      if (wait > 0) await clock.sleep(wait);
      if (!holdNext) return request();
      try {
        return await request();
      } finally {
        await release(slot + span, Math.max(slot, clock.now()) + interval);
      }
    },
  };
}

const wallClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/** A mailer whose every call (retries too) starts on the pacer's next slot; the first holds the next (Pacer.run). */
export function pacedMailer(mailer: Mailer, pacer: Pacer): Mailer {
  let first = true;
  const run = <T>(call: () => Promise<T>): Promise<T> => {
    const holdNext = first;
    first = false;
    return pacer.run(call, holdNext);
  };
  return {
    name: mailer.name,
    send: (email, opts) => run(() => mailer.send(email, opts)),
    sendBatch: (emails, opts) => run(() => mailer.sendBatch(emails, opts)),
  };
}
