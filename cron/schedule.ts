import type { Deps } from "../src/deps";
import type { Sweep } from "../src/jobs/housekeeping";
import { digestJob } from "./digest";
import { housekeepingJob } from "./housekeeping";
import { ingestJob } from "./ingest";

/**
 * The one schedule definition both runtimes derive from (DESIGN.md §8). `minutes` is the tick
 * interval; node-cron and Cloudflare Cron Triggers get their expressions from it.
 */
export interface JobDefinition {
  name: string;
  everyMinutes: number;
  /** `sweeps`: the runtime's own clean-up steps (Node: outbox temp files), used by housekeeping. */
  run: (deps: Deps, input: { now: Date; sweeps?: Sweep[] }) => Promise<Record<string, unknown>>;
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
  {
    // Once a day, at 03:30 UTC (away from the hour's digest ticks): retention (README "Operations").
    name: "housekeeping",
    everyMinutes: 24 * 60,
    run: async (deps, input) => ({ ...(await housekeepingJob(deps, input)) }),
  },
];

/** A 5-field cron expression firing every N minutes (N divides 60), every N hours, or once a day at 03:30 UTC. */
export function cronExpression(everyMinutes: number): string {
  if (everyMinutes < 60) return `*/${everyMinutes} * * * *`;
  if (everyMinutes === 24 * 60) return "30 3 * * *";
  return `0 */${everyMinutes / 60} * * *`;
}
