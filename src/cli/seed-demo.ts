import { seedDemo } from "../node/seed-demo";
import type { Command } from "./command";

export const seedDemoCommand: Command = {
  name: "seed-demo",
  usage: "seed-demo [--now ISO] [--json]",
  summary: "load recorded real listings (dates moved to this week) so there is something to see",
  valueFlags: ["now"],
  booleanFlags: ["json"],
  async run(ctx) {
    const summary = await seedDemo(ctx.deps);
    for (const f of summary.failed) ctx.out(`failed: ${f}`);
    ctx.out(
      ctx.flags.json
        ? JSON.stringify(summary)
        : `seed-demo: ${summary.stored} new listings from ${summary.files} recorded payloads${summary.failed.length ? `, ${summary.failed.length} failed` : ""}`,
    );
    return summary.failed.length ? 1 : 0;
  },
};
