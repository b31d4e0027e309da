import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { preferences, subscribers } from "../../../db/schema";
import { subscribersImportCommand } from "../../../src/cli/subscribers-import";
import { findSubscriber } from "../../../src/subscribers/store";
import { createDepsWithFakeResend } from "../../support/deps";

// In the `slow` project (npm run test:slow): a 100,000-row CSV through the real import command.
let deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>;

beforeAll(async () => {
  deps = await createDepsWithFakeResend();
});
afterAll(() => deps.close());

describe("subscribers import", () => {
  it("imports 100,000 generated rows", async () => {
    const stacks = ["go", "rust;python", "", "node;java"];
    const body = Array.from(
      { length: 100_000 },
      (_, i) => `person${i}@example.com,${stacks[i % 4]},${i % 24},${(i % 7) + 1}`,
    );
    const file = join(deps.dir, "big.csv");
    writeFileSync(file, `email,stacks,sendHour,sendWeekday\n${body.join("\n")}\n`);
    const lines: string[] = [];
    const started = performance.now();
    const code = await subscribersImportCommand.run({
      deps,
      args: [file],
      flags: { confirmed: true },
      out: (l) => lines.push(l),
      progress: () => {},
    });
    console.log(`100,000-row import took ${((performance.now() - started) / 1000).toFixed(2)} s`);
    expect(code ?? 0).toBe(0);
    expect(lines.at(-1)).toContain("imported 100000 rows: 100000 new (confirmed)");
    const confirmed = await deps.db.select({ n: count() }).from(subscribers).where(eq(subscribers.status, "confirmed"));
    expect(confirmed[0]!.n).toBe(100_000);
    expect((await deps.db.select({ n: count() }).from(preferences))[0]!.n).toBe(100_000);
    expect((await findSubscriber(deps.db, { email: "person99999@example.com" }))!.preferences).toMatchObject({
      stacks: ["node", "java"],
      sendHour: 99999 % 24,
    });
  }, 120_000);
});
