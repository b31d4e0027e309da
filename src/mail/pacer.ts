/**
 * Spaces provider requests to at most `ratePerSec`: each starts at least 1/rate (plus slack)
 * after the previous one started. The spacing counts from starts, not from the end of each call
 * ("sleep after each call"), so slow calls do not drift the rate below the limit, and no burst
 * ever goes above it.
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
    next = slot + interval; // reserved before sleeping, so concurrent callers get their own slots
    if (slot > now) await clock.sleep(slot - now);
    // A timer can fire late (a busy event loop): space the next request from when this one really
    // goes, or a late request and an on-time one would arrive closer than the limit allows.
    next = Math.max(next, clock.now() + interval);
  };
}

const realTime = {
  now: () => performance.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};
