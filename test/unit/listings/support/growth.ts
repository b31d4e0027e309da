// Milliseconds per call: repeats until 20 ms have passed so a fast call is not lost in timer noise.
function msPerCall(run: () => unknown): number {
  const start = performance.now();
  let calls = 0;
  do {
    run();
    calls++;
  } while (performance.now() - start < 20);
  return (performance.now() - start) / calls;
}

/**
 * How much longer `run` takes on `make(4n)` than on `make(n)`: the best of five interleaved rounds
 * each, so a busy machine slows both sides alike. A linear function gives about 4, a quadratic one
 * 16. Only a ratio, never a timed bar (these machines are shared).
 */
export function growth(run: (input: string) => unknown, make: (size: number) => string, n: number): number {
  const small = make(n);
  const large = make(4 * n);
  msPerCall(() => run(small)); // warm the JIT on the same shapes first
  let bestSmall = Infinity;
  let bestLarge = Infinity;
  for (let round = 0; round < 5; round++) {
    bestSmall = Math.min(
      bestSmall,
      msPerCall(() => run(small)),
    );
    bestLarge = Math.min(
      bestLarge,
      msPerCall(() => run(large)),
    );
  }
  return bestLarge / bestSmall;
}
