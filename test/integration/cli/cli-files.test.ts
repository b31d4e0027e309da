import { readFileSync, statSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { fixedClock } from "../../../src/clock";
import { applyDeliveryEvent } from "../../../src/subscribers/delivery-feedback";
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

describe("an --out file holds addresses and signed links", () => {
  it("export and digest preview create it 0600 under the usual umask, as the database and outbox are", async () => {
    const csv = join(deps.dir, "export.csv");
    const html = join(deps.dir, "private-preview.html");
    const previous = process.umask(0o022); // the child inherits it: files would be created -rw-r--r--
    let results;
    try {
      results = await Promise.all([
        cli(["subscribers", "export", "--out", csv]),
        cli(["digest", "preview", "ada@example.com", "--now", "2026-03-21T12:00:00Z", "--out", html]),
      ]);
    } finally {
      process.umask(previous);
    }
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    expect(readFileSync(csv, "utf8")).toContain("ada@example.com");
    expect(readFileSync(html, "utf8")).toContain("/unsubscribe/");
    expect(statSync(csv).mode & 0o777).toBe(0o600);
    expect(statSync(html).mode & 0o777).toBe(0o600);
  }, 120_000);
});

describe("a subscribers file that is not CSV text", () => {
  it("is refused as such, not as a missing header line, and nothing is imported", async () => {
    const binary = join(deps.dir, "photo.csv");
    writeFileSync(binary, Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48]));
    const latin1 = join(deps.dir, "latin1.csv");
    writeFileSync(latin1, Buffer.from("email,mustHave\nzoe@example.com,caf\u00e9\n", "latin1"));
    const [fromBinary, fromLatin1] = await Promise.all([
      cli(["subscribers", "import", binary, "--confirmed"]),
      cli(["subscribers", "import", latin1, "--confirmed"]),
    ]);
    expect({ code: fromBinary.code, stderr: fromBinary.stderr }).toEqual({
      code: 1,
      stderr: `${binary} is not a CSV text file: it contains NUL bytes (a binary file, or UTF-16 text: save it as "CSV UTF-8")\n`,
    });
    expect({ code: fromLatin1.code, stderr: fromLatin1.stderr }).toEqual({
      code: 1,
      stderr: `${latin1} is not a CSV text file: it is not UTF-8 text (save it as "CSV UTF-8")\n`,
    });
    const exported = await cli(["subscribers", "export"]);
    expect(exported.stdout).not.toContain("zoe@example.com");
  }, 120_000);
});

describe("a subscribers file that names a column twice", () => {
  it("is refused naming the column, instead of importing one cell of each pair and dropping the other", async () => {
    const twice = join(deps.dir, "twice.csv");
    writeFileSync(twice, "email,Email\nyan@example.com,yue@example.com\n");
    const stacks = join(deps.dir, "stacks-twice.csv");
    writeFileSync(stacks, "email,stacks,stacks\nyara@example.com,go,rust\n");
    const [emails, twoStacks] = await Promise.all([
      cli(["subscribers", "import", twice, "--confirmed"]),
      cli(["subscribers", "import", stacks, "--confirmed"]),
    ]);
    expect([emails.code, emails.stdout, emails.stderr]).toEqual([
      1,
      "nothing imported: 1 invalid row of 1\n",
      'line 1: the column "email" is named twice (columns 1 and 2): keep one\n',
    ]);
    expect(twoStacks.stderr).toBe('line 1: the column "stacks" is named twice (columns 2 and 3): keep one\n');
    const exported = await cli(["subscribers", "export"]);
    expect(exported.stdout).not.toMatch(/yan@|yue@|yara@/);
  }, 120_000);
});

describe("digest preview for someone the weekly run would not mail", () => {
  it("says why no digest would go (pending, unsubscribed, paused), exit 0, instead of showing one", async () => {
    await givenSubscribers(deps.db, AT, [
      { email: "pending@example.com", status: "pending" },
      { email: "gone@example.com", status: "unsubscribed" },
      { email: "resting@example.com", pausedUntil: new Date("2026-04-30T00:00:00Z") },
    ]);
    const at = ["--now", "2026-03-21T12:00:00Z"];
    const [pending, gone, resting, ada] = await Promise.all(
      ["pending", "gone", "resting", "ada"].map((name) => cli(["digest", "preview", `${name}@example.com`, ...at])),
    );
    expect(pending).toMatchObject({ code: 0, stdout: "no digest: the address is not confirmed yet\n" });
    expect(gone).toMatchObject({ code: 0, stdout: "no digest: the subscriber unsubscribed\n" });
    expect(resting).toMatchObject({
      code: 0,
      stdout: "no digest: digests are paused until 2026-04-30T00:00:00.000Z\n",
    });
    expect(ada!.stdout).toMatch(/^Subject: /); // a confirmed subscriber's preview is unchanged
  });

  it("at a --now before the confirmation, says so: the weekly run would mail nothing then either", async () => {
    const before = await cli(["digest", "preview", "ada@example.com", "--now", "2026-03-19T12:00:00Z"]);
    expect(before).toMatchObject({
      code: 0,
      stdout: "no digest: the address was confirmed later, at 2026-03-20T12:00:00.000Z\n",
    });
    const run = await cli(["digest", "run", "--now", "2026-03-19T12:00:00Z", "--dry-run", "--json"]);
    expect(JSON.parse(run.stdout.trim().split("\n").at(-1)!)).toMatchObject({ due: 0 });
  });

  it("names a hard-bounced address suppressed, not merely unsubscribed (it can never be mailed again)", async () => {
    await givenSubscribers(deps.db, AT, [{ email: "bounced@example.com" }]);
    const event = { type: "email.bounced", data: { to: ["bounced@example.com"], bounce: { type: "Permanent" } } };
    const feedbackDeps = { ...deps, clock: fixedClock(AT) };
    expect(await applyDeliveryEvent(feedbackDeps, { svixId: "msg_bounce_1", event })).toBe("suppressed");
    const preview = await cli(["digest", "preview", "bounced@example.com", "--now", "2026-03-21T12:00:00Z"]);
    expect(preview).toMatchObject({
      code: 0,
      stdout: "no digest: the address is suppressed (a bounce, a complaint or the operator)\n",
    });
  });
});
