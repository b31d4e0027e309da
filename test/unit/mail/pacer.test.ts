import { describe, expect, it } from "vitest";
import { createPacer } from "../../../src/mail/pacer";

/** A clock that only moves when someone sleeps or works, so the pacer is measured exactly. */
function virtualClock() {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms), work: (ms: number) => void (t += ms) };
}

describe("pacer", () => {
  it("never lets more than `rate` requests start in any one second, and stays within 5% below the rate", async () => {
    const clock = virtualClock();
    const pace = createPacer(2, clock);
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
    const pace = createPacer(10, clock);
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
    const pace = createPacer(2, clock);
    const starts: number[] = [];
    await Promise.all(Array.from({ length: 6 }, async () => (await pace(), starts.push(t))));
    expect(starts).toHaveLength(6);
    for (let i = 1; i < starts.length; i++) expect(starts[i]! - starts[i - 1]!).toBeGreaterThanOrEqual(500);
  });
});

describe("pacer after a slow-starting request", () => {
  it("counts the next slot from when that request finished", async () => {
    const clock = virtualClock();
    const pace = createPacer(2, clock);
    await pace();
    let finish = () => {};
    const first = new Promise<void>((resolve) => (finish = resolve));
    pace.after(first);
    const second = pace().then(() => clock.now());
    clock.work(700); // the first request takes 700 ms to be answered
    finish();
    expect(await second).toBeGreaterThanOrEqual(700 + 500);
  });
});
