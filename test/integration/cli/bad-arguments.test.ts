import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, runCliOn, startCli } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";

/**
 * Arguments an operator gets wrong, as the CLI meets them (acceptance run): a `--now` past year
 * 9999 ran the weekly run into a raw SQL error with NaN in it, and the two commands that read a
 * file named the same failure in two ways ("Cannot read x: ENOENT" and "cannot read x").
 */
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
});
afterAll(() => deps.close());

const cli = (args: string[]) => runCliOn(deps, args);

describe("bad arguments get one line naming what to fix", () => {
  it("refuses a --now outside the years 1970 to 9999 before touching the database", async () => {
    for (const now of ["+275760-09-13T00:00:00Z", "-000001-01-01T00:00:00Z", "1969-12-31T23:59:59Z"]) {
      const { code, stderr } = await cli(["digest", "run", `--now=${now}`, "--json"]);
      expect({ code, stderr }).toEqual({
        code: 2,
        stderr: `--now must be an ISO date-time from 1970 to 9999, like 2026-11-30T08:00:00Z (got "${now}")\n`,
      });
    }
  }, 60_000);

  it("refuses a --now that is not an ISO date, or names a day or hour no calendar has", async () => {
    // new Date() read "5" as 2001-05-01, "Dec 8" as 2001-12-08 and rolled 2026-02-30 into March.
    const refused = ["5", "Dec 8", "2026-02-30T00:00:00Z", "2026-12-08T24:00:00Z", "2026-12-08T08:61Z"];
    const runs = await Promise.all(refused.map((now) => cli(["digest", "run", "--dry-run", `--now=${now}`])));
    expect(runs.map((r) => [r.code, r.stderr])).toEqual(
      refused.map((now) => [
        2,
        `--now must be an ISO date-time from 1970 to 9999, like 2026-11-30T08:00:00Z (got "${now}")\n`,
      ]),
    );
    const taken = ["2026-12-07", "2026-12-07T08:00:00+01:00", "2024-02-29T23:59:59.5Z"];
    const ok = await Promise.all(taken.map((now) => cli(["digest", "run", "--dry-run", "--json", `--now=${now}`])));
    expect(ok.map((r) => r.code)).toEqual([0, 0, 0]);
  }, 60_000);

  it("reads a --now with no offset as UTC, whatever the machine's timezone", async () => {
    const file = join(deps.dir, "one-job.json");
    writeFileSync(
      file,
      JSON.stringify([
        { legal: "terms" },
        { id: "1", position: "Go Engineer", company: "Acme", url: "https://acme.dev/jobs/1" },
      ]),
    );
    const env = cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: join(deps.dir, "outbox") });
    const firstSeen = async (now: string) => {
      const run = await startCli(["classify", file, "--type", "remoteok", `--now=${now}`], {
        ...env,
        TZ: "America/New_York",
      }).done;
      return (JSON.parse(run.stdout) as { firstSeenAt: string }).firstSeenAt;
    };
    expect(await firstSeen("2026-11-30T08:00")).toBe("2026-11-30T08:00:00.000Z");
    expect(await firstSeen("2026-11-30 08:00:00")).toBe("2026-11-30T08:00:00.000Z");
    expect(await firstSeen("2026-11-30T08:00:00-05:00")).toBe("2026-11-30T13:00:00.000Z");
  }, 60_000);

  it("names a file it cannot read the same way for listings and for subscribers", async () => {
    const missing = join(deps.dir, "missing.json");
    const [listings, subscribers, folder] = await Promise.all([
      cli(["classify", missing, "--type", "remoteok"]),
      cli(["subscribers", "import", missing]),
      cli(["import", deps.dir, "--type", "remoteok"]),
    ]);
    expect(listings.stderr.split("\n")[0]).toBe(`cannot read ${missing}: no such file`);
    expect(subscribers.stderr.split("\n")[0]).toBe(`cannot read ${missing}: no such file`);
    expect(folder.stderr.split("\n")[0]).toBe(`cannot read ${deps.dir}: it is a folder`);
    expect([listings.code, subscribers.code, folder.code]).toEqual([2, 2, 2]);
  }, 60_000);

  it("refuses an argument a command does not take, and a flag with an empty value, changing nothing", async () => {
    const runs = await Promise.all([
      cli(["digest", "run", "2026-12-01T08:00:00Z", "--json"]),
      cli(["listings", "open"]),
      cli(["subscribers", "export", "out.csv"]),
      cli(["digest", "preview", "a@example.com", "b@example.com"]),
      cli(["ingest", "--source="]),
      cli(["import", "a.json", "--type", "remoteok", "--source", " "]),
    ]);
    expect(runs.map((r) => [r.code, r.stdout, r.stderr.split("\n")[0]])).toEqual([
      [2, "", 'unexpected argument "2026-12-01T08:00:00Z": digest run takes no arguments (options start with --)'],
      [2, "", 'unexpected argument "open": listings takes no arguments (options start with --)'],
      [2, "", 'unexpected argument "out.csv": subscribers export takes no arguments (options start with --)'],
      [2, "", 'unexpected argument "b@example.com": digest preview takes only EMAIL (options start with --)'],
      [2, "", "--source needs a value"],
      [2, "", "--source needs a value"],
    ]);
    expect(runs[0]!.stderr.split("\n")[1]).toBe("Usage: npm run cli -- digest run [--now ISO] [--dry-run] [--json]");
    const [runsRecorded] = await deps.database.client.execute("select count(*) as n from job_runs").then((r) => r.rows);
    expect(Number(runsRecorded!.n)).toBe(0);
  }, 60_000);

  it("refuses an import --source name that sources.json could not hold, storing nothing", async () => {
    const payload = "test/fixtures/feeds/greenhouse/ATS_Polling__greenhouse.json";
    const rule = "use lower-case letters, digits, '.', '_' or '-' (at most 63 characters)";
    const [broken, long] = await Promise.all([
      cli(["import", payload, "--type", "greenhouse", "--source", "board\r\nX"]),
      cli(["import", payload, "--type", "greenhouse", "--source", "x".repeat(64)]),
    ]);
    expect([broken.code, broken.stderr.split("\n")[0]]).toEqual([2, `--source "board\\r\\nX": ${rule}`]);
    expect([long.code, long.stderr.split("\n")[0]]).toEqual([2, `--source "${"x".repeat(64)}": ${rule}`]);
    const [stored] = await deps.database.client.execute("select count(*) as n from listings").then((r) => r.rows);
    expect(Number(stored!.n)).toBe(0);
  }, 60_000);

  it("quotes a --source name no source has without its control characters", async () => {
    const { code, stderr } = await cli(["ingest", "--source", "\u001b]0;owned\u0007x"]);
    expect(code).toBe(2);
    expect(stderr.split("\n")[0]).toBe('no source named "\\u001b]0;owned\\u0007x" in sources.json');
  }, 60_000);

  it("stops reading a file that never ends (/dev/zero named by mistake) with one line, instead of hanging", async () => {
    const subscribers = await cli(["subscribers", "import", "/dev/zero"]);
    expect([subscribers.code, subscribers.stderr]).toEqual([
      1,
      "/dev/zero goes on past 256 MB (is it the right file?)\n",
    ]);
    const listings = await cli(["classify", "/dev/zero", "--type", "greenhouse"]);
    expect([listings.code, listings.stderr]).toEqual([1, "/dev/zero goes on past 256 MB (is it the right file?)\n"]);
    const env = cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: join(deps.dir, "outbox") });
    const sources = await startCli(["migrate"], { ...env, SOURCES_FILE: "/dev/zero" }).done;
    expect([sources.code, sources.stderr]).toEqual([
      1,
      "Cannot start:\n  SOURCES_FILE: /dev/zero goes on past 5 MB (is it the right file?)\n",
    ]);
  }, 60_000);
});
