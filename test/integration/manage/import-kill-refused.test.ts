import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { confirmationSends } from "../../../db/schema";
import { plannedConfirmations } from "../../../src/subscribers/import-confirmations";
import { cliEnv, startCli } from "../../support/cli-process";
import { createDepsWithFakeResend } from "../../support/deps";
import { givenSubscriber } from "./helpers";

let deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>;
beforeAll(async () => {
  deps = await createDepsWithFakeResend();
});
afterAll(() => deps.close());

const importCli = (file: string) =>
  startCli(
    ["subscribers", "import", file, "--json"],
    cliEnv({
      databaseUrl: deps.config.databaseUrl,
      outboxDir: join(deps.dir, "outbox"),
      env: { RESEND_API_KEY: "re_test", RESEND_BASE_URL: deps.fake.url, SEND_RATE_PER_SEC: "1000" },
    }),
  );

/**
 * `subscribers import` processes SIGKILLed while Resend answers a confirmation batch that holds an
 * address it refuses on its own: the answer is lost with the process, the rows stay `sending`. The
 * next run resends the batch with the same key and messages; Resend replays its answer.
 */
describe("`subscribers import` killed while Resend answers a batch with a refusal", () => {
  it("is finished by the next runs: each other address confirmed once, the refused one `refused`", {
    timeout: 120_000,
  }, async () => {
    // Oldest planned confirmation: it heads the first batch of the import's.
    const { id: refusedId } = await givenSubscriber(deps, { email: "early@example-.com", status: "pending" });
    await deps.db.insert(confirmationSends).values(plannedConfirmations([refusedId], deps.clock.now()));
    const emails = Array.from({ length: 150 }, (_, i) => `person${i}@example.com`);
    const file = join(deps.dir, "list.csv");
    writeFileSync(file, `email,stacks\n${emails.map((e) => `${e},go`).join("\n")}\n`);
    deps.fake.configure({ latencyMs: 150 });

    // The first process dies on batch 1; the second replays batch 1 and dies on batch 2.
    const signals: (string | null)[] = [];
    for (const request of [1, 2]) {
      const run = importCli(file);
      let seen = 0;
      deps.fake.setFault(() => {
        if (++seen === request) run.child.kill("SIGKILL");
        return "none";
      });
      signals.push((await run.done).signal);
    }
    deps.fake.setFault(null);
    const last = await importCli(file).done;

    expect(signals).toEqual(["SIGKILL", "SIGKILL"]);
    expect(last.code, last.stderr).toBe(0);
    const perAddress = new Map<string, number>();
    for (const m of deps.fake.accepted) perAddress.set(m.to[0]!, (perAddress.get(m.to[0]!) ?? 0) + 1);
    expect([...perAddress.keys()].sort()).toEqual([...emails].sort());
    expect([...perAddress.values()].every((n) => n === 1)).toBe(true);
    const statuses = await deps.db.select().from(confirmationSends);
    expect(statuses.filter((r) => r.status === "sent")).toHaveLength(150);
    expect(statuses.filter((r) => r.status === "refused").map((r) => r.subscriberId)).toEqual([refusedId]);
    // The lost first answer held the refusal: 99 of its 100 taken.
    expect(deps.fake.requests[0]!.acceptedIds).toHaveLength(99);
    expect(deps.fake.requests.filter((r) => r.replayed).length).toBeGreaterThanOrEqual(2);
  });
});
