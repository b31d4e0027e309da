import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { parseConfig } from "../../src/config";
import { openCheckedDatabase } from "../../src/node/startup-checks";
import { importSuppressionKeys } from "../../src/subscribers/suppression-keys";

const dir = mkdtempSync(join(tmpdir(), "bw-db-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it("a database file opens with a write-ahead log, every commit synced, foreign keys on and checkpoints every 10,000 pages", async () => {
  const { client } = await openDatabase(`file:${join(dir, "settings.db")}`);
  const pragma = async (name: string) => Object.values((await client.execute(`PRAGMA ${name}`)).rows[0]!)[0];
  expect(await pragma("journal_mode")).toBe("wal");
  expect(await pragma("synchronous")).toBe(2); // FULL
  expect(await pragma("foreign_keys")).toBe(1);
  expect(await pragma("wal_autocheckpoint")).toBe(10000);
  client.close();
});

it("DATABASE_STATEMENT_LIMITS=d1 refuses what D1 would, at start-up's own open, and lets the rest through", async () => {
  const config = parseConfig({ TOKEN_SECRET: "s".repeat(32), DATABASE_STATEMENT_LIMITS: "d1" });
  const path = join(dir, "limits.db");
  const { client } = await openCheckedDatabase(
    { ...config, databaseUrl: `file:${path}` },
    false,
    await importSuppressionKeys(config),
  );
  const params = (n: number) => ({ sql: `SELECT ${Array(n).fill("?").join(", ")}`, args: Array(n).fill(1) });
  await expect(client.execute(params(100))).resolves.toBeDefined();
  await expect(client.execute(params(101))).rejects.toThrow(/101 parameters \(limit 100\)/);
  await expect(client.execute(`SELECT '${"x".repeat(100_001)}'`)).rejects.toThrow(/bytes \(limit 100000\)/);
  await expect(client.batch([params(101)])).rejects.toThrow(/limit 100/);
  await expect(client.transaction()).rejects.toThrow(/D1 has none/);
  client.close();
  expect(() => parseConfig({ TOKEN_SECRET: "s".repeat(32), DATABASE_STATEMENT_LIMITS: "yes" })).toThrow(
    /DATABASE_STATEMENT_LIMITS/,
  );
});
