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
