import type { Deps } from "../src/deps";
import type { Sweep } from "../src/jobs/housekeeping";
import { digestJob } from "./digest";
import { housekeepingJob } from "./housekeeping";
import { ingestJob } from "./ingest";

/**
 * The one schedule definition both runtimes derive from (DESIGN.md §8). `everyMinutes` is the tick
 * interval; node-cron (src/node/scheduler.ts) and Cloudflare Cron Triggers (wrangler.toml, checked
 * by test/workers/schedule.test.ts) get their expressions from it through cronExpression.
 */
export interface JobDefinition {
  name: string;
  everyMinutes: number;
  /** For a weekly job: the UTC weekday it runs on, 0 = Sunday … 6 = Saturday (Date#getUTCDay). */
  weekday?: number;
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

/** node-cron numbers weekdays 0–7 (0 and 7 Sunday); Cloudflare Cron Triggers 1–7 from Sunday. */
export type CronDialect = "node-cron" | "cloudflare";

const DAY = 24 * 60;

/**
 * A 5-field cron expression firing every N minutes (N divides 60), every N hours, once a day at
 * 03:30 UTC, or once a week at 03:30 UTC on `weekday` (0 = Sunday, as Date#getUTCDay), written
 * in the dialect's weekday numbering.
 */
export function cronExpression(everyMinutes: number, dialect: CronDialect = "node-cron", weekday = 0): string {
  if (everyMinutes < 60) return `*/${everyMinutes} * * * *`;
  if (everyMinutes === DAY) return "30 3 * * *";
  if (everyMinutes === 7 * DAY) return `30 3 * * ${dialect === "cloudflare" ? weekday + 1 : weekday}`;
  return `0 */${everyMinutes / 60} * * *`;
}

/** The expression for one job in one runtime's dialect. */
export function jobCron(job: Pick<JobDefinition, "everyMinutes" | "weekday">, dialect: CronDialect): string {
  return cronExpression(job.everyMinutes, dialect, job.weekday);
}
