import { readFileSync } from "node:fs";
import { beforeAll, beforeEach, describe, expect, it } from "vitest";
import { jobRuns, sourceStates } from "../../../db/schema";
import { ingestJob } from "../../../cron/ingest";
import { ingestCommand } from "../../../src/cli/listing-commands";
import { recentRuns } from "../../../src/jobs/record-run";
import type { SourceConfig } from "../../../src/listings/sources-config";
import type { TestDeps } from "../../support/deps";
import { useIngestHarness, type SourceServer } from "../../support/ingest-harness";

/**
 * The operator's "last runs" (admin API stats, job_runs) said `ok` for an ingest whose every
 * source failed, while `ingest` exited 1; nothing was logged above info. An ingest run is judged
 * like a digest run: `failed` when every source it fetched failed, `partial` when some did.
 */
const payload = readFileSync("test/fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", "utf8");
const NOW = new Date("2024-12-05T12:00:00Z");

let deps: TestDeps;
let server: SourceServer;
const harness = useIngestHarness();
beforeAll(() => void ({ deps, server } = harness));
beforeEach(() => deps.db.delete(jobRuns));

const source = (name: string, path: string): SourceConfig => ({
  name,
  type: "remoteok",
  url: `${server.url}${path}`,
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
});
const run = async (sources: SourceConfig[]) => {
  await ingestJob({ ...deps, sources: async () => sources }, { now: NOW, force: true });
  const [last] = await recentRuns(deps.db, { job: "ingest", limit: 1 });
  return last!.status;
};

describe("an ingest run's recorded status", () => {
  it("is failed when every source failed, partial when some did, ok when none did", async () => {
    server.set("/up", { body: payload });
    server.set("/down", { status: 404, body: "gone" });
    expect(await run([source("down", "/down")])).toBe("failed");
    expect(deps.log.lines.some((l) => l.includes('"event":"job.failed"'))).toBe(true);
    expect(await run([source("up", "/up"), source("down", "/down")])).toBe("partial");
    expect(await run([source("up", "/up")])).toBe("ok");
    expect(await run([])).toBe("ok");
  });
});

describe("ingest's exit code", () => {
  it("is 1 when every source it fetched failed, though another was not due", async () => {
    server.set("/down", { status: 404, body: "gone" });
    // "up" was fetched a minute ago: not due, so this run leaves it alone and fetches only "down".
    await deps.db
      .insert(sourceStates)
      .values({ name: "up", lastAttemptAt: new Date(deps.clock.now().getTime() - 60_000) });
    const sources = [source("up", "/up"), source("down", "/down")];
    const lines: string[] = [];
    const code = await ingestCommand.run({
      deps: { ...deps, sources: async () => sources } as never,
      args: [],
      flags: {},
      out: (line) => lines.push(line),
      progress: () => {},
    });
    const [last] = await recentRuns(deps.db, { job: "ingest", limit: 1 });
    expect([last!.status, code]).toEqual(["failed", 1]);
    expect(lines.at(-1)).toMatch(/^ingest: 2 sources \(1 failed\)/);
  });

  it("counts one source as one source", async () => {
    server.set("/down", { status: 404, body: "gone" });
    const lines: string[] = [];
    const deps1 = { ...deps, sources: async () => [source("down", "/down")] };
    await ingestCommand.run({
      deps: deps1 as never,
      args: [],
      flags: {},
      out: (l) => lines.push(l),
      progress: () => {},
    });
    expect(lines.at(-1)).toMatch(/^ingest: 1 source \(1 failed\)/);
  });
});
