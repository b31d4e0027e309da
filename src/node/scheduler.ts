import cron from "node-cron";
import { cronExpression, jobs } from "../../cron/schedule";
import type { Deps } from "../deps";

/**
 * Runs every job of cron/schedule.ts on node-cron, never overlapping itself: a tick that finds
 * the previous run still going is skipped (the next tick catches up).
 */
export function startNodeScheduler(deps: Deps): { stop(): void } {
  const tasks = jobs.map((job) =>
    cron.schedule(
      cronExpression(job.everyMinutes),
      async () => {
        const started = Date.now();
        try {
          const summary = await job.run(deps, { now: deps.clock.now() });
          deps.log.info("job.finished", { job: job.name, durationMs: Date.now() - started, ...summary });
        } catch (err) {
          deps.log.error("job.failed", { job: job.name, durationMs: Date.now() - started, error: (err as Error).message });
        }
      },
      { noOverlap: true, name: job.name },
    ),
  );
  return { stop: () => tasks.forEach((t) => t.stop()) };
}
