import { readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, startCli } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";
import { seededRandom } from "../../support/fake-resend";

/**
 * Issue 17: `subscribers import` of 50,000 rows SIGKILLed after 20,000 confirmations, then run
 * again, reported `confirmationsSent: 0`: 30,000 people never got one. Here real CLI processes
 * import into the outbox and are killed at seeded points (before, during and after the rows are
 * stored, and while confirmations go out); a final run finishes. Each address must have exactly
 * one confirmation file in the outbox.
 */
const ROWS = 900;

let deps: TestDeps;
let outbox: string;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
  outbox = join(deps.dir, "outbox");
});
afterAll(() => deps.close());

const outboxFiles = () => {
  try {
    return readdirSync(outbox).filter((n) => n.endsWith(".json"));
  } catch {
    return [];
  }
};

/** Confirmation emails in the outbox per address. */
function confirmationsPerAddress(): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of outboxFiles()) {
    const message = JSON.parse(readFileSync(join(outbox, name), "utf8")) as {
      to: string;
      tags: { name: string; value: string }[];
    };
    if (!message.tags.some((t) => t.name === "kind" && t.value === "confirm")) continue;
    counts.set(message.to, (counts.get(message.to) ?? 0) + 1);
  }
  return counts;
}

/** Runs the import and kills it with SIGKILL once the outbox holds `killAtFiles` messages (or after `killAfterMs`). */
async function importAndKill(file: string, kill: { killAtFiles: number } | { killAfterMs: number }) {
  const run = startCli(
    ["subscribers", "import", file, "--json"],
    cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: outbox }),
  );
  const timer =
    "killAfterMs" in kill
      ? setTimeout(() => run.child.kill("SIGKILL"), kill.killAfterMs)
      : setInterval(() => outboxFiles().length >= kill.killAtFiles && run.child.kill("SIGKILL"), 5);
  const result = await run.done;
  clearTimeout(timer);
  clearInterval(timer);
  return result;
}

describe("`subscribers import` killed midway and run again", () => {
  it("mails every imported address exactly one confirmation", { timeout: 240_000 }, async () => {
    const emails = Array.from({ length: ROWS }, (_, i) => `person${i}@example.com`);
    const file = join(deps.dir, "list.csv");
    writeFileSync(file, `email,stacks\n${emails.map((e) => `${e},go`).join("\n")}\n`);
    const random = seededRandom(17);
    const kills = [
      { killAtFiles: 100 + Math.floor(random() * 250) },
      { killAtFiles: 450 + Math.floor(random() * 250) },
      { killAfterMs: 1500 + Math.floor(random() * 1500) },
    ];
    const signals: (string | null)[] = [];
    for (const kill of kills) signals.push((await importAndKill(file, kill)).signal);
    const before = outboxFiles().length;

    const final = await startCli(
      ["subscribers", "import", file, "--json"],
      cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: outbox }),
    ).done;
    expect(final.code, final.stderr).toBe(0);
    const summary = JSON.parse(final.stdout.trim().split("\n").at(-1)!) as {
      existing: number;
      confirmationsSent: number;
    };

    const perAddress = confirmationsPerAddress();
    expect([...perAddress.entries()].filter(([, n]) => n !== 1)).toEqual([]);
    expect(perAddress.size).toBe(ROWS);
    expect(signals.slice(0, 2), "the first two kills landed while confirmations were going out").toEqual([
      "SIGKILL",
      "SIGKILL",
    ]);
    expect(before).toBeLessThan(ROWS);
    expect(summary.existing).toBe(ROWS);
    expect(summary.confirmationsSent).toBeGreaterThanOrEqual(ROWS - before); // a batch resent with its key counts again
  });
});
