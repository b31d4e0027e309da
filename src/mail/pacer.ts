/**
 * Spaces provider requests to at most `ratePerSec`: request i may start no earlier than
 * start + i / rate. Slots are fixed on a timeline (not "sleep after each call"), so slow calls
 * do not drift the rate below the limit, and no burst ever goes above it.
 */
export function createPacer(ratePerSec: number, clock: { now(): number; sleep(ms: number): Promise<void> } = realTime) {
  // 3% slack: requests leave exactly spaced but reach the wire after a variable serialisation
  // delay (tens of ms for a batch of 100), and a provider
  // counting per fixed second must never see one more than the limit.
  const interval = (1000 / ratePerSec) * 1.03;
  let next = -Infinity;
  return async function pace(): Promise<void> {
    const now = clock.now();
    const slot = Math.max(now, next);
    next = slot + interval;
    if (slot > now) await clock.sleep(slot - now);
  };
}

const realTime = {
  now: () => performance.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
