import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../../../db/client";
import { createSharedPacer } from "../../../src/mail/pacer";
import { createResendMailer } from "../../../src/mail/transports/resend";
import { createTestDeps, type TestDeps } from "../../support/deps";
import { startFakeResend, type FakeResend } from "../../support/fake-resend";

/**
 * Issue 17: SEND_RATE_PER_SEC was per process, so two servers and the CLI together drew 429s.
 * Here two senders, each with its own connection to one database file (as two processes have),
 * send at once through the real SDK to a fake Resend that allows RATE requests per second.
 */
const RATE = 4;
const PER_SENDER = 8;

let deps: TestDeps;
let other: Database;
let fake: FakeResend;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
  other = await openDatabase(deps.config.databaseUrl);
  fake = await startFakeResend({ ratePerSecond: RATE });
});
afterAll(async () => {
  other.client.close();
  await fake.close();
  await deps.close();
});

const email = (i: number) => ({
  to: `reader${i}@example.com`,
  from: "Backend Weekly <digest@example.com>",
  subject: "Hi",
  html: "<p>Hi</p>",
  text: "Hi",
});

describe("two senders on one database", () => {
  it("stay together within SEND_RATE_PER_SEC: no second at the provider sees more, and none is refused", {
    timeout: 60_000,
  }, async () => {
    const senders = [deps.db, other.db].map((db) =>
      createResendMailer("re_test", fake.url, createSharedPacer(db, RATE)),
    );
    await Promise.all(
      senders.map((mailer, s) =>
        (async () => {
          for (let i = 0; i < PER_SENDER; i++)
            await mailer.sendBatch([email(s * 100 + i)], { idempotencyKey: `k-${s}-${i}` });
        })(),
      ),
    );
    const requests = fake.requests;
    expect(requests.map((r) => r.status).filter((s) => s !== 200)).toEqual([]);
    const perSecond = new Map<number, number>();
    for (const r of requests) perSecond.set(Math.floor(r.at / 1000), (perSecond.get(Math.floor(r.at / 1000)) ?? 0) + 1);
    expect(Math.max(...perSecond.values())).toBeLessThanOrEqual(RATE);
    // Sixteen requests at four a second take at least 15 intervals, however fast the machine
    // (a machine that is slow only adds time): two unshared budgets would take about half.
    const span = requests.at(-1)!.at - requests[0]!.at;
    expect(span).toBeGreaterThanOrEqual((2 * PER_SENDER - 1) * (1000 / RATE) * 0.95);
  });
});

describe("the shared pacer", () => {
  const interval = Math.ceil((1000 / 4) * 1.03);
  const fakeClock = () => {
    const c = { t: 1_000_000, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
    return c;
  };

  it("starts the request after a process's first (which leaves late) an interval after the first returned", async () => {
    const clock = fakeClock();
    const pacer = createSharedPacer(deps.db, 4, { name: "first-hold", clock });
    const starts: number[] = [];
    const start = async () => void starts.push(clock.t);
    await pacer.run(async () => {
      await start();
      clock.t += 100; // the first call's round trip
    }, true);
    await pacer.run(start, false);
    await pacer.run(start, false);
    expect(starts[1]! - starts[0]!).toBe(100 + interval);
    expect(starts[2]! - starts[1]!).toBe(interval);
  });

  it("keeps a slot reserved while the first request is in flight two intervals behind it", async () => {
    const clock = fakeClock();
    const pacer = createSharedPacer(deps.db, 4, { name: "first-hold-overlap", clock });
    const starts: number[] = [];
    const start = async () => void starts.push(clock.t);
    let during: Promise<void> | undefined;
    await pacer.run(async () => {
      await start();
      during = pacer.run(start, false); // another call reserves before this one returns
      await new Promise((r) => setTimeout(r, 20));
    }, true);
    await during;
    await pacer.run(start, false);
    expect(starts[1]! - starts[0]!).toBe(2 * interval);
    expect(starts[2]! - starts[1]!).toBe(interval);
  });
});
