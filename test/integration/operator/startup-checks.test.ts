import { mkdtempSync, readFileSync, rmSync, statSync, truncateSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createClient } from "@libsql/client";
import { afterAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { parseConfig } from "../../../src/config";
import { buildNodeDeps } from "../../../src/node/deps-node";
import { TEST_SECRET } from "../../support/deps";

/**
 * Start-up checks (issue 17.7) through buildNodeDeps, which both `npm start` and the CLI call.
 * The child-process runs are in startup-exit.test.ts.
 */
const dir = mkdtempSync(join(tmpdir(), "bw-startup-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function configFor(env: Record<string, string>) {
  return parseConfig({
    NODE_ENV: "test",
    TOKEN_SECRET: TEST_SECRET,
    OUTBOX_DIR: join(dir, "outbox"),
    DATABASE_URL: `file:${join(dir, "ok.db")}`,
    ...env,
  });
}

async function startError(env: Record<string, string>): Promise<string> {
  try {
    const deps = await buildNodeDeps(configFor(env), { migrate: true });
    deps.database.client.close();
  } catch (err) {
    return (err as Error).message;
  }
  return "(started)";
}

/** A real database with enough rows for several b-tree pages, its pages then overwritten. */
async function corruptDatabase(path: string): Promise<void> {
  const client = createClient({ url: `file:${path}` });
  await client.execute("CREATE TABLE t (id INTEGER PRIMARY KEY, body TEXT)");
  await client.execute("CREATE INDEX t_body ON t (body)");
  await client.execute(
    "INSERT INTO t (body) SELECT hex(randomblob(200)) FROM (WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000) SELECT i FROM n)",
  );
  client.close();
  const bytes = readFileSync(path);
  bytes.fill(0x7f, 4096 * 5, 4096 * 40); // leaf pages of the table and the index, not the header
  writeFileSync(path, bytes);
}

describe("start-up refuses what cannot work and names the variable", () => {
  it("an invalid sources file stops start-up naming SOURCES_FILE (not a 500 at the first ingest)", async () => {
    const file = join(dir, "bad-sources.json");
    writeFileSync(file, JSON.stringify({ sources: [{ name: "Not Valid!", type: "remoteok" }] }));
    expect(await startError({ SOURCES_FILE: file })).toMatch(
      /SOURCES_FILE: .*bad-sources\.json is invalid[\s\S]*sources\.0\.name/,
    );
    writeFileSync(file, "{ not json");
    expect(await startError({ SOURCES_FILE: file })).toMatch(/SOURCES_FILE: .*is not valid JSON/);
  });

  it("a sources file saved with a byte-order mark starts; a binary one is named without its raw bytes", async () => {
    const file = join(dir, "notepad-sources.json");
    writeFileSync(file, `\uFEFF${JSON.stringify({ sources: [{ name: "remoteok", type: "remoteok" }] })}`);
    expect(await startError({ SOURCES_FILE: file, DATABASE_URL: `file:${join(dir, "bom.db")}` })).toBe("(started)");
    writeFileSync(file, Buffer.from("\x1b]0;owned\x07\x1b[2J\u202e{", "utf8"));
    const message = await startError({ SOURCES_FILE: file });
    expect(message).toMatch(/SOURCES_FILE: .*notepad-sources\.json is not valid JSON: /);
    expect(message).toContain("\\u001b]0;owned\\u0007");
    expect(message).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f\u202e]/);
  });

  it("an explicit SOURCES_FILE that does not exist stops start-up; the absent default does not", async () => {
    expect(await startError({ SOURCES_FILE: join(dir, "missing.json") })).toMatch(
      /SOURCES_FILE: .*missing\.json does not exist/,
    );
    const cwd = process.cwd();
    process.chdir(dir); // no sources.json here
    try {
      expect(await startError({ DATABASE_URL: `file:${join(dir, "default-sources.db")}` })).toBe("(started)");
    } finally {
      process.chdir(cwd);
    }
  });

  it("an outbox folder that cannot be created stops start-up naming OUTBOX_DIR", async () => {
    expect(await startError({ OUTBOX_DIR: "/dev/null/x" })).toMatch(
      /OUTBOX_DIR: \/dev\/null\/x cannot be created or written \(ENOTDIR\)/,
    );
  });

  it("a foreign file names DATABASE_URL with SQLite's reason and no stack", async () => {
    const path = join(dir, "foreign.db");
    writeFileSync(path, "this is a text file, not a database\n".repeat(200));
    const message = await startError({ DATABASE_URL: `file:${path}` });
    expect(message).toMatch(/DATABASE_URL: cannot open the file .*foreign\.db: .*(NOTADB|not a database)/);
    expect(message).not.toMatch(/\n\s+at /);
  });

  it("a truncated database names DATABASE_URL", async () => {
    const path = join(dir, "truncated.db");
    await corruptDatabase(path);
    truncateSync(path, 4096 * 3);
    expect(await startError({ DATABASE_URL: `file:${path}` })).toMatch(/DATABASE_URL: .*(corrupt|malformed)/);
  });

  it("a corrupt database is caught by PRAGMA quick_check before serving", async () => {
    const path = join(dir, "corrupt.db");
    await corruptDatabase(path);
    expect(await startError({ DATABASE_URL: `file:${path}` })).toMatch(
      /DATABASE_URL: .*(quick_check|malformed|corrupt)/,
    );
  });

  it("creates a new database file 0600 in a 0700 folder, and the outbox folder 0700", async () => {
    const deps = await buildNodeDeps(
      configFor({ DATABASE_URL: `file:${join(dir, "private", "new.db")}`, OUTBOX_DIR: join(dir, "private-outbox") }),
    );
    deps.database.client.close();
    expect(statSync(join(dir, "private", "new.db")).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, "private")).mode & 0o777).toBe(0o700);
    expect(statSync(join(dir, "private-outbox")).mode & 0o777).toBe(0o700);
  });
});

describe("a sources file broken after start-up", () => {
  it("makes admin ingest answer 503 naming SOURCES_FILE, not a 500", async () => {
    const file = join(dir, "later-broken.json");
    writeFileSync(file, JSON.stringify({ sources: [] }));
    const admin = "admin-token-0123456789abcdef";
    const deps = await buildNodeDeps(
      configFor({ SOURCES_FILE: file, ADMIN_TOKEN: admin, DATABASE_URL: `file:${join(dir, "later.db")}` }),
    );
    try {
      writeFileSync(file, JSON.stringify({ sources: [{ name: "x", type: "nope" }] }));
      const res = await createApp(deps).request("/admin/api/ingest", {
        method: "POST",
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(res.status).toBe(503);
      expect(JSON.stringify(await res.json())).toMatch(/SOURCES_FILE: .*later-broken\.json is invalid/);
    } finally {
      deps.database.client.close();
    }
  });
});
