import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { count, eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { confirmationSends, preferences, subscribers, suppressions } from "../../../db/schema";
import type { CliContext } from "../../../src/cli/command";
import { subscribersExportCommand } from "../../../src/cli/subscribers-export";
import { describeImport, subscribersImportCommand } from "../../../src/cli/subscribers-import";
import { plannedConfirmations } from "../../../src/subscribers/import-confirmations";
import { findSubscriber } from "../../../src/subscribers/store";
import { emailHash } from "../../../src/subscribers/suppression";
import { createDepsWithFakeResend } from "../../support/deps";
import { givenSubscriber } from "./helpers";

let deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>;

beforeAll(async () => {
  deps = await createDepsWithFakeResend();
});
afterAll(() => deps.close());
beforeEach(async () => {
  deps.fake.reset();
  for (const t of [preferences, subscribers, suppressions]) await deps.db.delete(t);
});

/** Runs a CLI command in-process, as `npm run cli -- …` would, and captures what it prints. */
async function cli(command: typeof subscribersImportCommand, args: string[], flags: CliContext["flags"] = {}) {
  const lines: string[] = [];
  const code = await command.run({ deps, args, flags, out: (l) => lines.push(l), progress: () => {} });
  return { code: code ?? 0, lines };
}

function csvFile(name: string, text: string): string {
  const path = join(deps.dir, name);
  writeFileSync(path, text);
  return path;
}

async function countSubscribers(status?: "pending" | "confirmed"): Promise<number> {
  const q = deps.db.select({ n: count() }).from(subscribers);
  return (await (status ? q.where(eq(subscribers.status, status)) : q))[0]!.n;
}

describe("subscribers import", () => {
  it("says 'imported 1 row' for one row", () => {
    const one = { rows: 1, created: 1, existing: 0, suppressed: 0, duplicates: 0, invalid: [], ignoredColumns: [] };
    expect(
      describeImport(
        { ...one, confirmationsSent: 0, confirmationsResumed: 0, confirmationsRefused: 0, confirmationsUnknown: 0 },
        true,
      ),
    ).toMatch(/^imported 1 row: /);
  });

  it("with --confirmed stores confirmed subscribers with their preferences and mails nothing", async () => {
    const file = csvFile(
      "a.csv",
      '\uFEFFemail,stacks,sendHour,timezone,mustHave\r\nAnn@Example.com,go;rust,9,Europe/Lisbon,"kafka;postgres"\r\nbob@example.com,,,,\r\n',
    );
    const { code, lines } = await cli(subscribersImportCommand, [file], { confirmed: true });
    expect(code).toBe(0);
    expect(lines.at(-1)).toBe(
      "imported 2 rows: 2 new (confirmed), 0 already subscribed, 0 suppressed, 0 duplicate; no emails sent (--confirmed)",
    );
    const ann = await findSubscriber(deps.db, { email: "ann@example.com" });
    expect(ann!.subscriber).toMatchObject({ status: "confirmed", origin: "import", confirmedAt: deps.clock.now() });
    expect(ann!.preferences).toMatchObject({
      stacks: ["go", "rust"],
      sendHour: 9,
      timezone: "Europe/Lisbon",
      mustHaveKeywords: ["kafka", "postgres"],
    });
    expect(deps.fake.requests).toHaveLength(0);
  });

  it("without --confirmed sends the confirmation email, 100 per batch call, keyed by batch content", async () => {
    const rows = Array.from({ length: 150 }, (_, i) => `user${i}@example.com`);
    const { code, lines } = await cli(subscribersImportCommand, [csvFile("b.csv", `email\n${rows.join("\n")}\n`)]);
    expect(code).toBe(0);
    expect(lines.at(-1)).toContain("150 new (pending)");
    expect(lines.at(-1)).toContain("150 confirmation emails sent");
    expect(await countSubscribers("pending")).toBe(150);
    const batchCalls = deps.fake.requests.filter((r) => r.path === "/emails/batch");
    expect(batchCalls).toHaveLength(2);
    expect(deps.fake.accepted).toHaveLength(150);
    expect(new Set(deps.fake.accepted.map((m) => m.idempotencyKey)).size).toBe(2);
    expect(deps.fake.accepted.map((m) => m.to[0]).sort()).toEqual([...rows].sort());
    expect(deps.fake.accepted[0]!.subject).toBe("Confirm your Backend Weekly subscription");
  });

  it("sends the other confirmations of a batch when the provider refuses one address, and says so", async () => {
    // Stored by an older version that took a domain label ending in a hyphen; Resend refuses it.
    const { id } = await givenSubscriber(deps, { email: "early@example-.com", status: "pending" });
    await deps.db.insert(confirmationSends).values(plannedConfirmations([id], deps.clock.now()));
    const file = csvFile("r.csv", "email\nann@example.com\nbob@example.com\n");

    const { code, lines } = await cli(subscribersImportCommand, [file]);

    expect(code).toBe(0);
    expect(lines.at(-1)).toContain("2 confirmation emails sent, 1 refused by the provider (their addresses)");
    expect(deps.fake.accepted.map((m) => m.to[0]).sort()).toEqual(["ann@example.com", "bob@example.com"]);
    const [row] = await deps.db.select().from(confirmationSends).where(eq(confirmationSends.subscriberId, id));
    expect(row!.status).toBe("refused");
    // Not planned again: a later import mails nobody twice and does not retry the refused address.
    await cli(subscribersImportCommand, [file]);
    expect(deps.fake.accepted).toHaveLength(2);
  });

  it("records a whole batch of addresses the provider refuses, within D1's 100 bound parameters", async () => {
    // 100 refused in one permissive batch: their update once bound 100 ids plus the key and values.
    const ids: string[] = [];
    for (let i = 0; i < 100; i++)
      ids.push((await givenSubscriber(deps, { email: `old${i}@example-.com`, status: "pending" })).id);
    for (const row of plannedConfirmations(ids, deps.clock.now())) await deps.db.insert(confirmationSends).values(row);

    const { code, lines } = await cli(subscribersImportCommand, [csvFile("all-refused.csv", "email\n")]);

    expect(code).toBe(0);
    expect(lines.at(-1)).toContain("0 confirmation emails sent, 100 refused by the provider (their addresses)");
    const statuses = await deps.db.select({ status: confirmationSends.status }).from(confirmationSends);
    expect(statuses.filter((r) => r.status === "refused")).toHaveLength(100);
  });

  it("reports invalid rows with their line numbers and changes nothing at all", async () => {
    await givenSubscriber(deps, { email: "kept@example.com" });
    const file = csvFile(
      "c.csv",
      "email,stacks,sendHour\nok@example.com,go,9\nnot-an-address,go,9\nfine@example.com,cobol,25\n",
    );
    const { code, lines } = await cli(subscribersImportCommand, [file]);
    expect(code).toBe(1);
    expect(lines.at(-1)).toBe("nothing imported: 2 invalid rows of 3");
    expect(await countSubscribers()).toBe(1);
    expect(deps.fake.requests).toHaveLength(0);
  });

  it("leaves existing and suppressed addresses as they are, and running it twice changes nothing", async () => {
    const existing = await givenSubscriber(deps, {
      email: "old@example.com",
      status: "unsubscribed",
      preferences: { stacks: ["php"] },
    });
    await deps.db.insert(suppressions).values({
      emailHash: await emailHash(deps.suppressionKeys, "bounced@example.com"),
      reason: "bounce",
      createdAt: deps.clock.now(),
    });
    const file = csvFile(
      "d.csv",
      "email,stacks\nold@example.com,go\nbounced@example.com,go\nnew@example.com,go\nNEW@example.com,rust\n",
    );
    const first = await cli(subscribersImportCommand, [file]);
    expect(first.lines.at(-1)).toBe(
      "imported 4 rows: 1 new (pending), 1 already subscribed, 1 suppressed, 1 duplicate; 1 confirmation email sent",
    );
    expect(deps.fake.accepted.map((m) => m.to[0])).toEqual(["new@example.com"]);
    expect(await findSubscriber(deps.db, { id: existing.id })).toMatchObject({
      subscriber: { status: "unsubscribed" },
      preferences: { stacks: ["php"] },
    });

    const snapshot = await deps.db.select().from(subscribers);
    const second = await cli(subscribersImportCommand, [file]);
    expect(second.lines.at(-1)).toBe(
      "imported 4 rows: 0 new (pending), 2 already subscribed, 1 suppressed, 1 duplicate; 0 confirmation emails sent",
    );
    expect(await deps.db.select().from(subscribers)).toEqual(snapshot);
    expect(deps.fake.accepted).toHaveLength(1);
  });
});

describe("subscribers export", () => {
  it("writes confirmed, unsuppressed subscribers with the import's columns, and the file imports back unchanged", async () => {
    await givenSubscriber(deps, {
      email: "a@example.com",
      preferences: { stacks: ["go", "rust"], mustHaveKeywords: ["kafka"], excludedCompanies: ["acme inc", "initech"] },
    });
    await givenSubscriber(deps, { email: "pending@example.com", status: "pending" });
    await givenSubscriber(deps, { email: "left@example.com", status: "unsubscribed" });
    await givenSubscriber(deps, { email: "bounced@example.com" });
    await deps.db.insert(suppressions).values({
      emailHash: await emailHash(deps.suppressionKeys, "bounced@example.com"),
      reason: "bounce",
      createdAt: deps.clock.now(),
    });

    const out = join(deps.dir, "export.csv");
    const { lines } = await cli(subscribersExportCommand, [], { out });
    expect(lines.at(-1)).toBe(`exported 1 subscriber to ${out} (1 suppressed left out)`);
    const text = readFileSync(out, "utf8");
    const [header, row] = text.trim().split("\n");
    expect(header).toBe(
      "email,focus,stacks,seniority,minSalaryUsd,includeNoSalary,country,timezone,employerTypes,includeUnknownEmployer,mustHave,excludeKeywords,excludeCompanies,sendWeekday,sendHour,maxListings",
    );
    expect(row).toBe("a@example.com,,go;rust,,,yes,,UTC,,yes,kafka,,acme inc;initech,1,8,20");

    const before = await findSubscriber(deps.db, { email: "a@example.com" });
    await deps.db.delete(subscribers);
    const back = await cli(subscribersImportCommand, [out], { confirmed: true });
    expect(back.code).toBe(0);
    expect((await findSubscriber(deps.db, { email: "a@example.com" }))!.preferences).toEqual(before!.preferences);
  });

  it("is wired into the CLI: `subscribers export` prints CSV on stdout", () => {
    const result = spawnSync(process.execPath, ["--import", "tsx", "src/cli.ts", "subscribers", "export"], {
      env: {
        ...process.env,
        NODE_ENV: "test",
        DATABASE_URL: deps.config.databaseUrl,
        TOKEN_SECRET: "cli-test-secret-0123456789",
        OUTBOX_DIR: join(deps.dir, "outbox"),
      },
      encoding: "utf8",
    });
    expect(result.status).toBe(0);
    expect(result.stdout.split("\n")[0]).toMatch(/^email,focus,stacks,/);
    expect(result.stderr).toContain("exported ");
  });
});
