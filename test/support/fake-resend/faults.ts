import { seeded } from "../seeded";
import type { FaultHook, FaultKind } from "./types";

/** A reproducible pseudo-random source in [0, 1): the same seed gives the same sequence. */
export const seededRandom = (seed: number): (() => number) => seeded(seed).next;

export interface RandomFaultOptions {
  seed: number;
  /** Share of calls that fail, 0..1. */
  probability: number;
  /** Faults to draw from, uniformly (default `["500"]`). */
  kinds?: readonly Exclude<FaultKind, "none">[];
}

/**
 * A fault hook that fails `probability` of the calls it sees at random, reproducibly for a seed:
 * `fake.setFault(randomFaults({ seed: 7, probability: 0.3, kinds: ["500", "drop"] }))`.
 * The draw depends only on call order, so a test that makes the same calls sees the same faults.
 */
export function randomFaults({ seed, probability, kinds = ["500"] }: RandomFaultOptions): FaultHook {
  const random = seededRandom(seed);
  return () => {
    const failing = random() < probability;
    const pick = random();
    if (!failing || kinds.length === 0) return "none";
    return kinds[Math.floor(pick * kinds.length)] ?? "none";
  };
}
