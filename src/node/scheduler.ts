import cron from "node-cron";
import { cronExpression, jobs } from "../../cron/schedule";
import type { Deps } from "../deps";
import { outboxTmpSweep } from "./outbox-sweep";
import { errorReason } from "../errors";

/**
 * Runs every job of cron/schedule.ts on node-cron, never overlapping itself: a tick that finds
 * the previous run still going is skipped (the next tick catches up). Node's own clean-up (the
 * outbox's stale temp files) is handed to the jobs as a sweep.
 */
export function startNodeScheduler(deps: Deps): { stop(): void } {
  const sweeps = [outboxTmpSweep(deps.config.outboxDir, deps.config.retention.outboxTmpMinutes)];
  const tasks = jobs.map((job) =>
    cron.schedule(
      cronExpression(job.everyMinutes),
      async () => {
        const started = Date.now();
        try {
          const summary = await job.run(deps, { now: deps.clock.now(), sweeps });
          deps.log.info("job.finished", { job: job.name, durationMs: Date.now() - started, ...summary });
        } catch (err) {
          deps.log.error("job.failed", {
            job: job.name,
            durationMs: Date.now() - started,
            error: errorReason(err),
          });
        }
      },
      { noOverlap: true, name: job.name },
    ),
  );
  return { stop: () => tasks.forEach((t) => t.stop()) };
}
