import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEntry } from "../../support/cli-process";
import { freePort } from "../../support/free-port";

/**
 * (Values refused by parseConfig alone, such as SEND_RATE_PER_SEC or PUBLIC_URL, are covered in
 * test/unit/config-operator.test.ts; here a few of each kind go through a real process.)
 * Real start-ups (issue 16.8, 17.7): `npm start` and the CLI as child processes with a bad
 * value each. They must exit 1 before serving, with a message naming the variable and no stack.
 */
const dir = mkdtempSync(join(tmpdir(), "bw-exit-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(entry: "src/node.ts" | "src/cli.ts", env: Record<string, string>, args: string[] = []) {
  return runEntry(entry, args, {
    PATH: process.env.PATH,
    DATABASE_STATEMENT_LIMITS: "d1", // D1's limits in the child too (vitest.config.ts)
    NODE_ENV: "development",
    PORT: String(await freePort()), // npm start binds it first, then refuses; one each, as they run in parallel
    TOKEN_SECRET: "dev-secret-0123456789abcdef",
    DATABASE_URL: `file:${join(dir, "ok.db")}`,
    OUTBOX_DIR: join(dir, "outbox"),
    SCHEDULER: "off",
    ...env,
  });
}

describe("a bad configuration stops the process with a message naming the variable", () => {
  it("npm start exits 1 for each value that cannot work", async () => {
    const sources = join(dir, "sources.json");
    writeFileSync(sources, JSON.stringify({ sources: [{ name: "greenhouse-no-board", type: "greenhouse" }] }));
    const foreign = join(dir, "foreign.db");
    writeFileSync(foreign, "not a database\n".repeat(500));
    const cases: [string, Record<string, string>][] = [
      ["SOURCES_FILE", { SOURCES_FILE: sources }],
      ["DATABASE_URL", { DATABASE_URL: "file:" }],
      ["DATABASE_URL", { DATABASE_URL: `file:${foreign}` }],
      ["OUTBOX_DIR", { OUTBOX_DIR: "/dev/null/x" }],
      [
        "TOKEN_SECRET",
        { NODE_ENV: "production", TOKEN_SECRET: "0123456789abcdef", PUBLIC_URL: "https://jobs.example.com" },
      ],
      [
        "ADMIN_TOKEN",
        {
          NODE_ENV: "production",
          TOKEN_SECRET: "k3Jd9sPq0ZxYt7LmN2vB5wR8cF1gH4jK6aS0dQ9eW3r=",
          ADMIN_TOKEN: "a".repeat(48),
        },
      ],
    ];
    const results = await Promise.all(cases.map(([, env]) => run("src/node.ts", env)));
    for (const [i, [name]] of cases.entries()) {
      const { code, output } = results[i]!;
      expect({ name, code }).toEqual({ name, code: 1 });
      expect(output).toMatch(new RegExp(`\\n  ${name}: `));
      expect(output).not.toMatch(/\n\s+at /); // no stack trace
      expect(output).not.toContain("is running");
    }
  }, 180_000);

  it("the CLI refuses the same way (exit 1, the variable named)", async () => {
    const { code, output } = await run("src/cli.ts", { OUTBOX_DIR: "/dev/null/x" }, ["migrate"]);
    expect(code).toBe(1);
    expect(output).toMatch(/\n  OUTBOX_DIR: \/dev\/null\/x cannot be created/);
  }, 120_000);

  it("a PUBLIC_URL with CR/LF and a PORT in hex are refused, not bent into other values", async () => {
    const [publicUrl, port] = await Promise.all([
      run("src/cli.ts", { PUBLIC_URL: "http://x.example/a\r\nBcc: evil@x.y" }, ["migrate"]),
      run("src/node.ts", { PORT: "0x10" }),
    ]);
    expect(publicUrl.code).toBe(1);
    expect(publicUrl.output).toContain("\n  PUBLIC_URL: must not contain spaces, line breaks or control characters");
    expect(port.code).toBe(1);
    expect(port.output).toContain("\n  PORT: must be a whole number from 1 to 65535, in plain digits");
    expect(port.output).not.toContain("is running");
  }, 120_000);
});
