import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listings } from "../../../db/schema";
import { cliEnv, startCli } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";
import { startSourceServer } from "../../support/source-server";

/**
 * DESIGN.md §7: a command given `--now ISO` "behaves exactly as it would at that moment", and a
 * listing closes once its source was fetched successfully twice without it (§3). A script that
 * fixes one moment for every command (`import --source S --now T`, then the smaller file twice,
 * all at T) never closed anything: a miss was "last seen before now", and T is not before T.
 */
const NOW = "2026-12-02T00:00:00.000Z";
const job = (id: number) => ({
  id,
  title: `Backend Engineer ${id}`,
  absolute_url: `https://jobs.example.com/${id}`,
  location: { name: "Remote" },
  content: "Build APIs in Go.",
  updated_at: "2026-12-01T00:00:00Z",
});
const payload = (...ids: number[]) => JSON.stringify({ jobs: ids.map(job) });

let deps: TestDeps;
let source: Awaited<ReturnType<typeof startSourceServer>>;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
  source = await startSourceServer();
});
afterAll(async () => {
  await source.close();
  await deps.close();
});

function cli(args: string[], env: Record<string, string> = {}) {
  const base = cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: join(deps.dir, "outbox"), env });
  return startCli(args, base).done;
}
async function statusOf(sourceName: string): Promise<Record<string, string>> {
  const rows = await deps.db.select().from(listings);
  return Object.fromEntries(rows.filter((r) => r.id.startsWith(`${sourceName}:`)).map((r) => [r.title, r.status]));
}

describe("two full fetches without a listing close it, all at one --now", () => {
  it("import --source", async () => {
    const all = join(deps.dir, "all.json");
    const fewer = join(deps.dir, "fewer.json");
    writeFileSync(all, payload(1, 2, 3));
    writeFileSync(fewer, payload(1, 2));
    const args = ["--type", "greenhouse", "--company", "Acme", "--source", "acme-file", "--now", NOW, "--json"];
    const closed: number[] = [];
    for (const file of [all, fewer, fewer]) {
      const run = await cli(["import", file, ...args]);
      expect(run.code, run.stderr).toBe(0);
      closed.push(JSON.parse(run.stdout.trim().split("\n").at(-1)!).closed);
    }
    expect(closed).toEqual([0, 0, 1]);
    expect(await statusOf("acme-file")).toEqual({
      "Backend Engineer 1": "open",
      "Backend Engineer 2": "open",
      "Backend Engineer 3": "closed",
    });
  }, 90_000);

  it("ingest --force, and a listing every fetch carried stays open", async () => {
    const sources = join(deps.dir, "sources.json");
    // Another employer: the same titles at Acme would merge into the listings the import stored.
    const board = { name: "beta-board", type: "greenhouse", board: "beta", company: "Beta" };
    writeFileSync(sources, JSON.stringify({ sources: [{ ...board, url: `${source.url}/jobs.json` }] }));
    const env = { SOURCES_FILE: sources, SOURCES_ALLOW_PRIVATE: "true" };
    const closed: number[] = [];
    for (const ids of [
      [1, 2, 3],
      [1, 2, 3],
      [1, 2],
      [1, 2],
    ]) {
      source.set("/jobs.json", { body: payload(...ids) });
      const run = await cli(["ingest", "--force", "--now", NOW, "--json"], env);
      expect(run.code, run.stderr).toBe(0);
      closed.push(JSON.parse(run.stdout.trim().split("\n").at(-1)!).totals.closed);
    }
    expect(closed).toEqual([0, 0, 0, 1]);
    expect(await statusOf("beta-board")).toEqual({
      "Backend Engineer 1": "open",
      "Backend Engineer 2": "open",
      "Backend Engineer 3": "closed",
    });
  }, 120_000);
});
