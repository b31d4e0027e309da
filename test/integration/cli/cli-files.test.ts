import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cliEnv, startCli } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";
import { givenListing } from "../../support/listing-factory";
import { givenSubscribers } from "../../support/subscriber-factory";

/**
 * Files the CLI writes or reads, as an operator runs it (acceptance run of issue 17): a path it
 * cannot write printed a raw "Error: ENOENT: no such file or directory, open '…'".
 */
const AT = new Date("2026-03-20T12:00:00Z");
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
  await givenSubscribers(deps.db, AT, [{ email: "ada@example.com" }]);
  await givenListing(deps.db, {}, AT);
});
afterAll(() => deps.close());

const env = () => cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: join(deps.dir, "outbox") });
const cli = (args: string[]) => startCli(args, env()).done;

describe("an --out file the CLI cannot write", () => {
  it("says which path and why in one line, exit 1, for export and for digest preview", async () => {
    const [exported, previewed, intoFolder] = await Promise.all([
      cli(["subscribers", "export", "--out", "/nonexistent/dir/x.csv"]),
      cli(["digest", "preview", "ada@example.com", "--now", "2026-03-21T12:00:00Z", "--out", "/nonexistent/x.html"]),
      cli(["subscribers", "export", "--out", deps.dir]),
    ]);
    expect({ code: exported.code, stderr: exported.stderr }).toEqual({
      code: 1,
      stderr: "cannot write /nonexistent/dir/x.csv: the folder does not exist\n",
    });
    expect({ code: previewed.code, stderr: previewed.stderr }).toEqual({
      code: 1,
      stderr: "cannot write /nonexistent/x.html: the folder does not exist\n",
    });
    expect({ code: intoFolder.code, stderr: intoFolder.stderr }).toEqual({
      code: 1,
      stderr: `cannot write ${deps.dir}: it is a folder\n`,
    });
  }, 120_000);

  it("a writable --out still gets the file (the preview has a digest to write)", async () => {
    const out = join(deps.dir, "preview.html");
    const result = await cli(["digest", "preview", "ada@example.com", "--now", "2026-03-21T12:00:00Z", "--out", out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toContain(`wrote ${out}`);
  }, 60_000);
});
