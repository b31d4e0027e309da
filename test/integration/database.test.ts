import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, expect, it } from "vitest";
import { openDatabase } from "../../db/client";

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
