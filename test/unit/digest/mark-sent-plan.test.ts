import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Client, InStatement } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { recordAnswer } from "../../../src/digest/ledger";
import { applyMigrations } from "../../../src/node/migrate";
import { openDatabase } from "../../../db/client";
import { limitedClient } from "../../../db/statement-limits";

const dir = mkdtempSync(join(tmpdir(), "bw-mark-sent-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("recording a batch's answer", () => {
  // Through the status index, SQLite matched every `sending` row against every pair of the batch
  // (100 × 100 JSON reads a batch, ~2.5× the statement's time); by id, one seek a pair.
  it("seeks each row by id, not through every row in `sending`", async () => {
    const seen: InStatement[] = [];
    // Under D1's limits as the other tests, each statement noted on its way in.
    const noting = (client: Client): Client => {
      const limited = limitedClient(client);
      return new Proxy(limited, {
        get: (target, key) =>
          key === "execute"
            ? (stmt: InStatement) => (seen.push(stmt), target.execute(stmt))
            : key === "batch"
              ? (stmts: InStatement[], mode?: Parameters<Client["batch"]>[1]) => (
                  seen.push(...stmts), target.batch(stmts, mode)
                )
              : Reflect.get(target, key),
      });
    };
    const database = await openDatabase(`file:${join(dir, "plan.db")}`, undefined, { wrap: noting });
    await applyMigrations(database.db);
    const execute = (stmt: InStatement) => database.client.execute(stmt);
    const answer = { accepted: [{ id: "row-1", providerId: "provider-1" }], refused: [{ id: "row-2", reason: "no" }] };
    await recordAnswer(database.db, "run-1", answer, new Date("2026-11-25T12:00:00Z"));
    // Both of its UPDATEs: the accepted rows to `sent`, the refused ones to `failed`.
    for (const status of ["sent", "failed"]) {
      const update = seen.find(
        (s) => typeof s !== "string" && s.sql.includes(`UPDATE deliveries SET status = '${status}'`),
      );
      if (!update || typeof update === "string") throw new Error(`recordAnswer issued no UPDATE to ${status}`);
      const plan = await execute({ sql: `EXPLAIN QUERY PLAN ${update.sql}`, args: update.args ?? [] });
      const steps = plan.rows.map((r) => String(r.detail));
      expect(steps).toContainEqual(
        expect.stringMatching(/^SEARCH deliveries USING INDEX sqlite_autoindex_deliveries_1 \(id=\?\)/),
      );
    }
    database.client.close();
  });
});
