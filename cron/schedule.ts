import type { Deps } from "../src/deps";

/**
 * The one schedule definition both runtimes derive from (DESIGN.md §8). `minutes` is the tick
 * interval; node-cron and Cloudflare Cron Triggers get their expressions from it.
 */
export interface JobDefinition {
  name: string;
  everyMinutes: number;
  run: (deps: Deps, input: { now: Date }) => Promise<Record<string, unknown>>;
}

export const jobs: JobDefinition[] = [];

/** A 5-field cron expression firing every N minutes (N divides 60) or every N hours. */
export function cronExpression(everyMinutes: number): string {
  if (everyMinutes < 60) return `*/${everyMinutes} * * * *`;
  return `0 */${everyMinutes / 60} * * *`;
}
