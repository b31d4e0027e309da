import { housekeepingJob } from "../../cron/housekeeping";
import { outboxTmpSweep } from "../node/outbox-sweep";
import type { Command } from "./command";

const SWEPT: Record<string, string> = { outboxTmpFiles: "outbox temp files removed" };

export const housekeepingCommand: Command = {
  name: "housekeeping",
  usage: "housekeeping [--now ISO] [--json]",
  summary: "prune what is past its retention period (the scheduler does this daily)",
  valueFlags: ["now"],
  booleanFlags: ["json"],
  async run(ctx) {
    const { config } = ctx.deps;
    const s = await housekeepingJob(ctx.deps, {
      now: ctx.deps.clock.now(),
      sweeps: [outboxTmpSweep(config.outboxDir, config.retention.outboxTmpMinutes)],
    });
    // Every count of the summary, in words: the sweeps' names are keys (`outboxTmpFiles`), not prose.
    const swept = Object.entries(s.swept)
      .map(([name, n]) => `, ${n} ${SWEPT[name] ?? name}`)
      .join("");
    const line = `housekeeping: ${s.listingsClosedExpired + s.listingsClosedTooOld} expired or too old listings closed, ${s.listingBodiesPruned} closed listing bodies pruned, ${s.ledgerContentsPruned} stored digest messages and ${s.noteContentsPruned} empty-week notes pruned, ${s.jobRunsDeleted} job runs and ${s.webhookEventsDeleted} webhook events deleted, ${s.pendingSubscribers} expired pending subscribers, ${s.newChoiceRequests} new-choice requests and ${s.rateLimitRows} rate-limit rows deleted${swept}`;
    ctx.out(ctx.flags.json ? JSON.stringify(s) : line);
  },
};
