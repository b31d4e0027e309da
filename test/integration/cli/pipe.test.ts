import { closeSync, openSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { type ChildProcess, spawn } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { insertRows, runBatch } from "../../../db/bulk";
import { listings } from "../../../db/schema";
import { cliEnv, startCli } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";
import { listingRow } from "../../support/listing-factory";

/**
 * Issue 17: `listings --json | wc -l` on 200,000 listings gave 2,018 lines, and `classify` 152 of
 * 200,000, with exit 0: the CLI exited with its writes still queued for the pipe. Here the output
 * is ~100 times the 64 KB pipe buffer and the reader takes it a chunk at a time with a pause
 * between chunks, as a slow consumer does.
 */
const LISTINGS = 3000;
const DESCRIPTION = "Design, build and operate the services behind our product. ".repeat(30);

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
  for (let i = 0; i < LISTINGS; i += 100) {
    const rows = Array.from({ length: Math.min(100, LISTINGS - i) }, () => listingRow({ description: DESCRIPTION }));
    await runBatch(deps.db, [insertRows(deps.db, listings, rows)]); // one JSON parameter: within D1's 100
  }
});
afterAll(() => deps.close());

/** Reads the child's stdout slowly: paused for a moment after every chunk, counting whole lines. */
function slowReader(result: { lines: string[] }) {
  return (child: ChildProcess) => {
    let partial = "";
    child.stdout!.on("data", (chunk: Buffer) => {
      const parts = (partial + chunk.toString("utf8")).split("\n");
      partial = parts.pop()!;
      result.lines.push(...parts);
      child.stdout!.pause();
      setTimeout(() => child.stdout!.resume(), 2);
    });
  };
}

const env = () => cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: join(deps.dir, "outbox") });

describe("the CLI writing into a slow pipe", () => {
  it("`listings --json` delivers every listing, each a whole JSON line, and exits 0", {
    timeout: 120_000,
  }, async () => {
    const read = { lines: [] as string[] };
    const { done } = startCli(["listings", "--json"], env(), slowReader(read));
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(read.lines.length).toBe(LISTINGS);
    const parsed = read.lines.map((l) => JSON.parse(l) as { id: string; description: string });
    expect(new Set(parsed.map((l) => l.id)).size).toBe(LISTINGS);
    expect(parsed.every((l) => l.description.length > 1000)).toBe(true);
  });

  it("`classify` of a large payload delivers every normalised listing", { timeout: 120_000 }, async () => {
    const jobs = Array.from({ length: LISTINGS }, (_, i) => ({
      slug: `backend-engineer-${i}`,
      id: String(100_000 + i),
      epoch: 1_733_000_000,
      date: "2024-12-01T00:00:00+00:00",
      company: `Company ${i}`,
      position: `Senior Backend Engineer ${i}`,
      tags: ["golang", "backend"],
      description: `<p>${DESCRIPTION}</p>`,
      location: "Worldwide",
      url: `https://remoteok.com/remote-jobs/${100_000 + i}`,
    }));
    const file = join(deps.dir, "remoteok.json");
    writeFileSync(file, JSON.stringify([{ legal: "API Terms of Service" }, ...jobs]));
    const read = { lines: [] as string[] };
    const { done } = startCli(
      ["classify", file, "--type", "remoteok", "--now", "2024-12-02T00:00:00Z"],
      env(),
      slowReader(read),
    );
    const result = await done;
    expect(result.code, result.stderr).toBe(0);
    expect(read.lines.length).toBe(LISTINGS);
    expect(new Set(read.lines.map((l) => JSON.parse(l).sourceId)).size).toBe(LISTINGS);
  });
});

describe("the CLI writing where nothing more fits", () => {
  it("names a full disk in one line, exit 1, with no stack trace (stdout is /dev/full)", async () => {
    const full = openSync("/dev/full", "w");
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "listings", "--json"], {
      env: env(),
      stdio: ["ignore", full, "pipe"],
    });
    closeSync(full);
    let stderr = "";
    child.stderr!.on("data", (d) => (stderr += d));
    const code = await new Promise((resolve) => child.once("close", resolve));
    expect({ code, stderr }).toEqual({ code: 1, stderr: "cannot write standard output: the disk is full\n" });
  }, 60_000);

  it("finishes its work, exit 0, when only its log lines cannot be written (stderr is /dev/full)", async () => {
    const full = openSync("/dev/full", "w");
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", "seed-demo", "--json"], {
      env: env(),
      stdio: ["ignore", "pipe", full],
    });
    closeSync(full);
    let stdout = "";
    child.stdout!.on("data", (d) => (stdout += d));
    const code = await new Promise((resolve) => child.once("close", resolve));
    expect(code).toBe(0);
    expect(JSON.parse(stdout.trim().split("\n").at(-1)!)).toMatchObject({ files: 10 });
  }, 60_000);
});
