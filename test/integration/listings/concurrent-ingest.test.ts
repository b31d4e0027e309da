import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../../db/client";
import { applyMigrations } from "../../../src/node/migrate";
import { listings } from "../../../db/schema";

const payload = readFileSync("test/fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", "utf8");
const dir = mkdtempSync(join(tmpdir(), "bw-concurrent-ingest-"));
const databaseUrl = `file:${join(dir, "ingest.db")}`;

/**
 * A source that holds every request until two are waiting (or 10 s passed), then answers them
 * together: two ingests that both fetch get their payloads at the same moment and store at once.
 */
async function startGatheringSource() {
  const waiting: ServerResponse[] = [];
  let requests = 0;
  const answerAll = () => {
    for (const res of waiting.splice(0)) res.writeHead(200, { "content-type": "application/json" }).end(payload);
  };
  const server = createServer((_req, res) => {
    requests++;
    waiting.push(res);
    if (waiting.length >= 2) answerAll();
    else setTimeout(answerAll, 10_000);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => new Promise<void>((r) => server.close(() => r())),
  };
}

function ingestCli(sourcesFile: string) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "ingest", "--source", "remoteok", "--json"], {
    env: {
      PATH: process.env.PATH,
      DATABASE_STATEMENT_LIMITS: "d1", // D1's limits in the child too (vitest.config.ts)
      NODE_ENV: "test",
      DATABASE_URL: databaseUrl,
      SOURCES_FILE: sourcesFile,
      SOURCES_ALLOW_PRIVATE: "true",
      TOKEN_SECRET: "cli-test-secret-0123456789",
      OUTBOX_DIR: join(dir, "outbox"),
      SCHEDULER: "off",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d) => (stdout += d));
  child.stderr.on("data", (d) => (stderr += d));
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.once("exit", (code) => resolve({ code, stdout, stderr })),
  );
}

let source: Awaited<ReturnType<typeof startGatheringSource>>;
beforeAll(async () => {
  source = await startGatheringSource();
  const database = await openDatabase(databaseUrl);
  await applyMigrations(database.db); // before the two processes, so they do not race to migrate
  database.client.close();
});
afterAll(async () => {
  await source.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("two ingests of one source at once", () => {
  it("serialise on the source's claim: one stores, the other reports it busy, neither fails", async () => {
    const sourcesFile = join(dir, "sources.json");
    writeFileSync(
      sourcesFile,
      JSON.stringify({ sources: [{ name: "remoteok", type: "remoteok", url: `${source.url}/remoteok` }] }),
    );
    const runs = await Promise.all([ingestCli(sourcesFile), ingestCli(sourcesFile)]);
    for (const run of runs) {
      expect(run.code, run.stderr).toBe(0);
      expect(run.stderr).not.toMatch(/UNIQUE|constraint/i);
    }
    const statuses = runs.map(
      (r) =>
        (JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { sources: { status: string; new: number }[] }).sources[0]!,
    );
    expect(statuses.map((s) => s.status).sort()).toEqual(["busy", "ok"]);
    expect(statuses.find((s) => s.status === "ok")!.new).toBe(14);
    expect(source.requests()).toBe(1);

    const database = await openDatabase(databaseUrl);
    try {
      expect(await database.db.$count(listings)).toBe(14);
    } finally {
      database.client.close();
    }
  }, 60_000);
});
