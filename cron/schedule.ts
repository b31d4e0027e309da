import type { Deps } from "../src/deps";
import { digestJob } from "./digest";
import { ingestJob } from "./ingest";

/**
 * The one schedule definition both runtimes derive from (DESIGN.md §8). `minutes` is the tick
 * interval; node-cron and Cloudflare Cron Triggers get their expressions from it.
 */
export interface JobDefinition {
  name: string;
  everyMinutes: number;
  run: (deps: Deps, input: { now: Date }) => Promise<Record<string, unknown>>;
}

export const jobs: JobDefinition[] = [
  {
    // Every 15 minutes: whoever's chosen local hour has arrived this week gets their digest.
    name: "digest",
    everyMinutes: 15,
    run: async (deps, input) => ({ ...(await digestJob(deps, input)) }),
  },
  {
    name: "ingest",
    everyMinutes: 6 * 60,
    run: async (deps, input) => {
      const summary = await ingestJob(deps, input);
      return { ...summary.totals, sources: summary.sources.length };
    },
  },
];

/** A 5-field cron expression firing every N minutes (N divides 60) or every N hours. */
export function cronExpression(everyMinutes: number): string {
  if (everyMinutes < 60) return `*/${everyMinutes} * * * *`;
  return `0 */${everyMinutes / 60} * * *`;
}
