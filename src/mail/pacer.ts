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

export function createPacer(ratePerSec: number, clock: { now(): number; sleep(ms: number): Promise<void> } = realTime): Pacer {
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
