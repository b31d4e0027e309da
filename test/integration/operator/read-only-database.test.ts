import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEntry } from "../../support/cli-process";
import { freePort } from "../../support/free-port";
import { TEST_SECRET } from "../../support/deps";

/**
 * A database file the process cannot write (a read-only mount, another user's file) used to open,
 * answer /healthz and 500 every sign-up. Root writes any file, so the process runs as `nobody`:
 * the case needs a root test run to set that up.
 */
const NOBODY = 65534;
const dir = mkdtempSync(join(tmpdir(), "bw-readonly-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.runIf(process.getuid?.() === 0)("a database this process cannot write", () => {
  it("stops npm start and the CLI naming DATABASE_URL and the reason, no stack", async () => {
    chmodSync(dir, 0o755); // readable by nobody, not writable
    const database = join(dir, "backend-weekly.db");
    const outbox = join(dir, "outbox");
    mkdirSync(outbox, { mode: 0o777 });
    chmodSync(outbox, 0o777);
    const env = {
      PATH: process.env.PATH,
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      PORT: String(await freePort()),
      DATABASE_URL: `file:${database}`,
      OUTBOX_DIR: outbox,
      TOKEN_SECRET: TEST_SECRET,
      SCHEDULER: "off",
    };
    // A database in use, migrated by its owner; then its files are readable, not writable, by nobody.
    expect((await runEntry("src/cli.ts", ["migrate"], env)).code).toBe(0);
    for (const file of readdirSync(dir)) if (file.startsWith("backend-weekly.db")) chmodSync(join(dir, file), 0o644);
    for (const [entry, args] of [
      ["src/node.ts", []],
      ["src/cli.ts", ["digest", "run"]],
    ] as const) {
      const result = await runEntry(entry, [...args], env, { uid: NOBODY, timeoutMs: 20_000 });
      expect(result.output).toContain(`DATABASE_URL: the file ${database} cannot be written (EACCES)`);
      expect(result.output).not.toMatch(/\n\s+at |is running/);
      expect(result.code).toBe(1);
    }
  });
});
