import { describe, expect, it } from "vitest";
import wranglerToml from "../../wrangler.toml?raw";
import { cronExpression, jobCron, jobs } from "../../cron/schedule";

describe("one schedule, two cron dialects", () => {
  it("numbers a weekly job's weekday from 0 for node-cron and from 1 (Sunday) for Cloudflare", () => {
    const week = 7 * 24 * 60;
    expect(cronExpression(week, "node-cron", 0)).toBe("30 3 * * 0");
    expect(cronExpression(week, "cloudflare", 0)).toBe("30 3 * * 1");
    expect(cronExpression(week, "node-cron", 6)).toBe("30 3 * * 6");
    expect(cronExpression(week, "cloudflare", 6)).toBe("30 3 * * 7");
    expect(jobCron({ everyMinutes: week, weekday: 1 }, "cloudflare")).toBe("30 3 * * 2");
  });

  it("writes the same expression in both dialects for jobs without a weekday", () => {
    for (const job of jobs) expect(jobCron(job, "cloudflare")).toBe(jobCron(job, "node-cron"));
    expect(jobs.map((j) => jobCron(j, "cloudflare"))).toEqual(["*/15 * * * *", "0 */6 * * *", "30 3 * * *"]);
  });

  it("wrangler.toml's Cron Triggers are exactly the ones cron/schedule.ts derives", () => {
    const line = wranglerToml.split("\n").find((l) => l.startsWith("crons"));
    const crons = JSON.parse(line!.slice(line!.indexOf("=") + 1)) as string[];
    expect(crons).toEqual(jobs.map((j) => jobCron(j, "cloudflare")));
  });
});
