import { describe, expect, it } from "vitest";
import { createPacer } from "../../../src/mail/pacer";

/** Waits for the next slot, as a request that takes no time would. */
const slotOf = (pacer: ReturnType<typeof createPacer>) => () => pacer.run(async () => {}, false);

/** A clock that only moves when someone sleeps or works, so the pacer is measured exactly. */
function virtualClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), work: (ms: number) => void (t += ms) };
}

describe("pacer", () => {
  it("never lets more than `rate` requests start in any one second, and stays within 5% below the rate", async () => {
    const clock = virtualClock();
    const pace = slotOf(createPacer(2, clock));
    const starts: number[] = [];
    for (let i = 0; i < 200; i++) {
      await pace();
      starts.push(clock.now());
      clock.work(i % 7 === 0 ? 300 : 20); // requests of uneven length
    }
    for (let i = 2; i < starts.length; i++) expect(starts[i]! - starts[i - 2]!).toBeGreaterThan(1000);
    const achieved = (starts.length - 1) / ((starts.at(-1)! - starts[0]!) / 1000);
    expect(achieved).toBeLessThanOrEqual(2);
    expect(achieved).toBeGreaterThanOrEqual(1.9);
  });

  it("does not wait when calls are already slower than the rate", async () => {
    const clock = virtualClock();
    const pace = slotOf(createPacer(10, clock));
    await pace();
    clock.work(500);
    const before = clock.now();
    await pace();
    expect(clock.now()).toBe(before);
  });
});

describe("pacer with concurrent callers", () => {
  it("spaces each start from when the previous one really started, even when a timer fires late", async () => {
    let t = 0;
    let sleeps = 0;
    // Sleeps end at their target time, in the order they were begun; the second one overruns by
    // 400 ms (a busy event loop).
    const clock = {
      now: () => t,
      sleep: async (ms: number) => {
        const target = t + ms + (++sleeps === 2 ? 400 : 0);
        await new Promise((resolve) => setTimeout(resolve, 0));
        t = Math.max(t, target);
      },
    };
    const pace = slotOf(createPacer(2, clock));
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 6 }, async () => (await pace(), starts.push(t))));
    expect(starts).toHaveLength(6);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(500);
  });
});

/** A clock whose sleeps are timers, fired in time order as the test moves time forward. */
function timerClock() {
  let t = 0;
  const timers: { at: number; fire: () => void }[] = [];
  const flush = () => new Promise((resolve) => setImmediate(resolve));
  return {
    now: () => t,
    sleep: (ms: number) => new Promise<void>((fire) => void timers.push({ at: t + ms, fire })),
    async advanceTo(target: number) {
      for (;;) {
        await flush();
        timers.sort((a, b) => a.at - b.at);
        if (!timers[0] || timers[0].at > target) break;
        const timer = timers.shift()!;
        t = timer.at;
        timer.fire();
      }
      t = target;
      await flush();
    },
  };
}

describe("pacer after a slow-starting request", () => {
  it("counts the next slot from when that request was answered, even for a caller already waiting", async () => {
    const clock = timerClock();
    const pacer = createPacer(2, clock);
    const pace = slotOf(pacer);
    let answer = () => {};
    const answered = new Promise<void>((resolve) => (answer = resolve));
    void pacer.run(() => answered, true);
    let second = -1;
    void pace().then(() => (second = clock.now())); // queued while the first is still out
    await clock.advanceTo(300);
    answer(); // answered 300 ms after it left
    await clock.advanceTo(5000);
    expect(second).toBeCloseTo(300 + 515, 0);
  });

  it("holds the next slot back by at most one more interval when the request hangs", async () => {
    const clock = timerClock();
    const pacer = createPacer(2, clock);
    const pace = slotOf(pacer);
    void pacer.run(() => new Promise<void>(() => {}), true); // never answered
    let second = -1;
    void pace().then(() => (second = clock.now()));
    await clock.advanceTo(5000);
    expect(second).toBeCloseTo(515 + 515, 0);
  });
});
