import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listings } from "../../../db/schema";
import { runCliOn } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";

/**
 * "A file with no readable listing is refused, naming the source type" (README, Command line). An
 * outside check found `classify` and `import` exiting 0 with nothing to show for another source's
 * file, a Hacker News story list, or an empty payload: an operator learnt nothing was wrong.
 */
const FEEDS = "test/fixtures/feeds";
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
});
afterAll(() => deps.close());

const cli = (args: string[]) => runCliOn(deps, args);
function file(name: string, text: string): string {
  const path = join(deps.dir, name);
  writeFileSync(path, text);
  return path;
}
const storedListings = async () => (await deps.db.select().from(listings)).length;

describe("classify and import refuse a file that gives no listing (exit 1, nothing stored)", () => {
  it("another source's payload is not a payload of this type, and the message says what was expected", async () => {
    const lever = `${FEEDS}/lever/ATS_Polling__lever.json`;
    const stories = `${FEEDS}/hackernews/louisinayinde_jobs__hn_stories.json`;
    const [classified, imported, hn] = await Promise.all([
      cli(["classify", lever, "--type", "greenhouse"]),
      cli(["import", lever, "--type", "greenhouse"]),
      cli(["import", stories, "--type", "hackernews"]),
    ]);
    for (const result of [classified, imported]) {
      expect(result.code).toBe(1);
      expect(result.stdout).toBe("");
      expect(result.stderr).toContain(`${lever} is not a greenhouse payload: unexpected payload shape`);
      expect(result.stderr).toContain('Expected Greenhouse job board JSON, {"jobs": [...]}');
    }
    expect(hn.code).toBe(1);
    expect(hn.stderr).toContain("is not a hackernews payload: a list of 4 stories, not the comments of one thread");
    expect(hn.stderr).toContain('Expected a Hacker News "Who is hiring" thread');
    expect(await storedListings()).toBe(0);
  }, 120_000);

  it("a payload of the type with no jobs, and an empty file, are each named as such", async () => {
    const noJobs = file("no-jobs.json", '{"jobs": []}');
    const emptyArray = file("empty-array.json", "[]\n");
    const empty = file("empty.json", "\n");
    const [classified, imported, lever, blank] = await Promise.all([
      cli(["classify", noJobs, "--type", "greenhouse"]),
      cli(["import", noJobs, "--type", "greenhouse", "--source", "acme"]),
      cli(["import", emptyArray, "--type", "lever"]),
      cli(["classify", empty, "--type", "remoteok"]),
    ]);
    expect({ code: classified.code, stderr: classified.stderr }).toEqual({
      code: 1,
      stderr: `${noJobs}: the greenhouse payload holds no jobs.\n`,
    });
    expect({ code: imported.code, stderr: imported.stderr }).toEqual({
      code: 1,
      stderr: `${noJobs}: the greenhouse payload holds no jobs.\n`,
    });
    expect({ code: lever.code, stderr: lever.stderr }).toEqual({
      code: 1,
      stderr: `${emptyArray}: the lever payload holds no jobs.\n`,
    });
    expect(blank.code).toBe(1);
    expect(blank.stderr).toMatch(
      new RegExp(`^${empty} is empty: no remoteok listing in it\\. Expected Remote OK JSON`),
    );
    expect(await storedListings()).toBe(0);
  }, 120_000);

  it("import of listings it cannot store says why; classify, which stores nothing, still prints them", async () => {
    const companyless = file(
      "companyless.json",
      JSON.stringify({ url: "https://jobs.example.com/1", title: "Backend Engineer (Go)" }),
    );
    const [imported, classified] = await Promise.all([
      cli(["import", companyless, "--type", "manual"]),
      cli(["classify", companyless, "--type", "manual"]),
    ]);
    expect({ code: imported.code, stderr: imported.stderr }).toEqual({
      code: 1,
      stderr: `${companyless}: no manual listing could be read (rejected item: no company). Name the employer with --company NAME.\n`,
    });
    expect(classified.code, classified.stderr).toBe(0);
    expect(JSON.parse(classified.stdout)).toMatchObject({ title: "Backend Engineer (Go)", company: "" });
    expect(await storedListings()).toBe(0);
  }, 120_000);

  it("a file with a listing still imports with exit 0", async () => {
    const result = await cli(["import", `${FEEDS}/greenhouse/ATS_Polling__greenhouse.json`, "--type", "greenhouse"]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/fetched 1, new 1/);
  }, 60_000);

  it("a payload saved with a byte-order mark (UTF-8, or UTF-16 as PowerShell writes) is read as the source's", async () => {
    const payload = readFileSync(`${FEEDS}/greenhouse/ATS_Polling__greenhouse.json`, "utf8");
    const utf8 = join(deps.dir, "notepad.json");
    writeFileSync(utf8, `\uFEFF${payload}`);
    const utf16 = join(deps.dir, "powershell.json");
    writeFileSync(utf16, Buffer.from(`\uFEFF${payload}`, "utf16le"));
    const results = await Promise.all(
      [utf8, utf16].map((f) => cli(["classify", f, "--type", "greenhouse", "--now", "2026-05-01T00:00:00Z"])),
    );
    for (const result of results) {
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout.trim().split("\n")).toHaveLength(1);
    }
    expect(results[1]!.stdout).toBe(results[0]!.stdout);
  }, 60_000);
});
