/**
 * A small seeded PRNG (mulberry32) with the helpers generated workloads need: the same seed
 * gives the same sequence, so every generated case and every benchmark workload can be replayed.
 */
export function seeded(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  /** Between 1 and `max` distinct items. */
  const some = <T>(items: readonly T[], max: number): T[] => {
    const n = int(1, max);
    const out = new Set<T>();
    while (out.size < n) out.add(pick(items));
    return [...out];
  };
  const uuid = () => {
    const hex = (n: number) => Array.from({ length: n }, () => Math.floor(next() * 16).toString(16)).join("");
    return `${hex(8)}-${hex(4)}-4${hex(3)}-${pick(["8", "9", "a", "b"])}${hex(3)}-${hex(12)}`;
  };
  return { next, int, pick, some, uuid, chance: (p: number) => next() < p };
}
