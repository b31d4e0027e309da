import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { sendRateBuckets } from "../../db/schema/send-rate";
import type { Mailer } from "./mailer";

/**
 * Spaces provider requests to at most `ratePerSec`: each starts at least 1/rate (plus slack)
 * after the previous one really started. The spacing counts from starts, not from the end of each
 * call ("sleep after each call"), so slow calls do not drift the rate below the limit, and no
 * burst ever goes above it. Concurrent callers queue: each one's slot is computed only once the
 * one before it has started, so a caller whose timer fired late (a busy event loop) pushes the
 * next one back instead of leaving it too close behind.
 */
export interface Pacer {
  /**
   * Runs `request` at the next slot. With `holdNext`, the slot after it counts from when the
   * request settles (waiting at most one more interval), not from when it started: for a request
   * known to leave late, a process's first (fetch's code still cold, the connection new: ~75 ms
   * measured), so the one after it cannot land too close behind.
   */
  run<T>(request: () => Promise<T>, holdNext: boolean): Promise<T>;
}

export function createPacer(
  ratePerSec: number,
  clock: { now(): number; sleep(ms: number): Promise<void> } = realTime,
): Pacer {
  // 3% slack: requests leave exactly spaced but reach the provider after a small variable delay
  // (a timer firing late, the socket write), and a provider counting per fixed second must never
  // see one more than the limit.
  const interval = (1000 / ratePerSec) * 1.03;
  let previous: Promise<number> = Promise.resolve(-Infinity);
  /** Takes the next slot: resolves with its start time. Synchronous up to the returned promise. */
  const slot = (): Promise<number> => {
    const started = previous.then(async (previousStart) => {
      const wait = previousStart + interval - clock.now();
      if (wait > 0) await clock.sleep(wait);
      return clock.now();
    });
    previous = started;
    return started;
  };
  const run = async <T>(request: () => Promise<T>, holdNext: boolean): Promise<T> => {
    const started = slot();
    if (!holdNext) return started.then(() => request());
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    // Replaced before anyone else can take a slot (nothing above awaited yet).
    previous = Promise.all([started, held]).then(([start]) => Math.max(start, clock.now()));
    await started;
    const response = request();
    void Promise.race([response.then(release, release), clock.sleep(interval).then(release)]);
    return response;
  };
  return { run };
}

const realTime = {
  now: () => performance.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/**
 * A pacer whose budget lives in the database (db/schema/send-rate.ts), shared by every process on
 * it: each request reserves the next free start time with one atomic UPDATE … RETURNING
 * (`next_at = max(next_at, now) + interval`; no interactive transaction, so it works on libSQL,
 * Turso and D1) and waits for it. Reservations never overlap, whoever makes them, so any number of
 * processes together start at most `ratePerSec` requests a second (3% slack, as above). Times are
 * wall-clock milliseconds: the processes must share a clock (one machine, or NTP-synchronised).
 * With `holdNext` (a process's first request, which leaves late) a request reserves two intervals,
 * so the next one, whoever makes it, cannot land too close behind it.
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
  return {
    async run(request, holdNext) {
      const slot = await reserve(holdNext ? 2 * interval : interval);
      const wait = slot - clock.now();
      if (wait > 0) await clock.sleep(wait);
      return request();
    },
  };
}

const wallClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

/**
 * A mailer whose every call (retries included) starts on the pacer's next slot. The first call a
 * process makes holds the slot after it (see Pacer.run): it leaves late (a new connection).
 */
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
