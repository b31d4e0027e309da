import { createClient, type Client, type Transaction } from "@libsql/client";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { runCliOn } from "../../support/cli-process";
import { useAppWithFakeResend } from "../../support/app-harness";

/**
 * A database another process holds locked: the operator is told SQLite's reason, not a SQL
 * statement and its values (Drizzle's "Failed query: … params: …", which hid "database is locked"
 * and "attempt to write a readonly database" in its `cause`).
 */
const harness = useAppWithFakeResend();
let other: Client;
let lock: Transaction;
beforeAll(() => void (other = createClient({ url: harness.deps.config.databaseUrl })));
afterAll(() => other.close());
// A second connection, as another process would hold it: one write transaction left open.
beforeEach(async () => {
  lock = await other.transaction("write");
  await lock.execute("INSERT INTO rate_limits (key, window_start, count) VALUES ('held', 0, 1)");
});
afterEach(() => lock.rollback());

describe("a database locked by another process", () => {
  it("digest run says the database is locked, not which statement failed", async () => {
    const { code, stderr } = await runCliOn(harness.deps, ["digest", "run"]);

    expect(code).toBe(1);
    expect(stderr).toContain("Error: database error: SQLITE_BUSY: database is locked");
    expect(stderr).not.toMatch(/Failed query|insert into|params:/i);
  });

  it("a sign-up answers 500 without internals and logs the reason", async () => {
    const res = await harness.app.request("/api/subscribe", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ email: "ana@example.com" }),
    });

    expect(res.status).toBe(500);
    expect(await res.text()).not.toMatch(/SQLITE|INSERT|at .*\.ts/);
    const failed = harness.deps.log.lines.map((l) => JSON.parse(l)).find((l) => l.event === "request.failed");
    expect(failed.message).toBe("database error: SQLITE_BUSY: database is locked");
  });
});
