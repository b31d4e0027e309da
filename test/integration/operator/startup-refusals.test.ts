import { randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runEntry } from "../../support/cli-process";
import { freePort } from "../../support/free-port";

/**
 * `npm start` refusing what it cannot do, as a real process (acceptance run of issue 17): a busy
 * port or a bad HOST, a bad database that must not leave a token secret behind, an outbox path
 * Node's recursive mkdir loops on. Each must exit 1 with a message naming the variable, no stack.
 * The port is bound first, so the other refusals each get a free port of their own.
 */
const dir = mkdtempSync(join(tmpdir(), "bw-refuse-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Runs `npm start` (src/node.ts), or the CLI with `cli` arguments, in `cwd`. */
function start(env: Record<string, string>, cwd = process.cwd(), cli?: string[]) {
  return runEntry(
    cli ? "src/cli.ts" : "src/node.ts",
    cli ?? [],
    {
      PATH: process.env.PATH,
      DATABASE_STATEMENT_LIMITS: "d1", // D1's limits in the child too (vitest.config.ts)
      NODE_ENV: "development",
      HOST: "127.0.0.1",
      DATABASE_URL: `file:${join(dir, `${randomUUID()}.db`)}`, // one each: runs in parallel
      OUTBOX_DIR: join(dir, "outbox"),
      SCHEDULER: "off",
      ...env,
    },
    { cwd },
  );
}

function expectRefusal(result: { code: number | null; output: string }, variable: string, reason: RegExp) {
  expect(result.output).toMatch(new RegExp(`\\n  ${variable}: `));
  expect(result.output).toMatch(reason);
  expect(result.output).not.toMatch(/\n\s+at |Unhandled|node:internal/); // no stack trace
  expect(result.output).not.toContain("is running");
  expect(result.code).toBe(1);
}

async function occupiedPort(): Promise<Server> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  return server;
}

describe("npm start refuses an address it cannot listen on", () => {
  /** A fresh data folder, with no TOKEN_SECRET: a start-up that got past its checks would fill it. */
  function freshData(name: string) {
    const data = join(dir, name);
    return { data, env: { DATABASE_URL: `file:${join(data, "db.db")}`, OUTBOX_DIR: join(data, "out") } };
  }

  it("a busy port: names PORT, says it is in use, and writes nothing (exit 1, no stack)", async () => {
    const busy = await occupiedPort();
    try {
      const port = (busy.address() as { port: number }).port;
      const { data, env } = freshData("busy-port");
      const result = await start({ ...env, PORT: String(port) });
      expectRefusal(
        result,
        "PORT",
        new RegExp(`${port} is already in use: stop what uses it or set PORT to a free port`),
      );
      // Checked before the database is opened: no database, token secret, outbox or demo listings.
      expect(result.output).not.toContain("demo listings");
      expect(existsSync(data)).toBe(false);
    } finally {
      busy.close();
    }
  }, 90_000);

  it("a HOST that does not resolve, or is not an address of this machine, names HOST and writes nothing", async () => {
    const [unknownData, foreignData] = [freshData("unknown-host"), freshData("foreign-host")];
    const [unknown, foreign] = await Promise.all([
      start({ ...unknownData.env, PORT: String(await freePort()), HOST: "bogus.invalid" }),
      start({ ...foreignData.env, PORT: String(await freePort()), HOST: "192.0.2.1" }), // TEST-NET-1: never ours
    ]);
    expectRefusal(unknown, "HOST", /bogus\.invalid is not an address of this machine/);
    expectRefusal(foreign, "HOST", /192\.0\.2\.1 is not an address of this machine/);
    expect(existsSync(unknownData.data)).toBe(false);
    expect(existsSync(foreignData.data)).toBe(false);
  }, 90_000);
});

describe("a refused start-up writes no token secret", () => {
  it("`DATABASE_URL=file:` and a database that is a text file leave no token-secret behind", async () => {
    const cwd = join(dir, "cwd");
    const textDir = join(dir, "text");
    mkdirSync(cwd);
    mkdirSync(textDir);
    writeFileSync(join(textDir, "notadb"), "not a database\n".repeat(100));
    const [empty, text] = await Promise.all([
      start({ DATABASE_URL: "file:", PORT: String(await freePort()) }, cwd),
      start({ DATABASE_URL: `file:${join(textDir, "notadb")}`, PORT: String(await freePort()) }, cwd),
    ]);
    expectRefusal(empty, "DATABASE_URL", /file: needs a path/);
    expectRefusal(text, "DATABASE_URL", /not a database/);
    expect(readdirSync(cwd)).toEqual([]);
    expect(readdirSync(textDir)).toEqual(["notadb"]);
  }, 90_000);

  it("an OUTBOX_DIR refusal writes none in the database's folder either", async () => {
    const data = join(dir, "fresh");
    const result = await start({
      DATABASE_URL: `file:${join(data, "db.sqlite")}`,
      OUTBOX_DIR: "/dev/null/x",
      PORT: String(await freePort()),
    });
    expectRefusal(result, "OUTBOX_DIR", /cannot be created/);
    expect(existsSync(join(data, "token-secret"))).toBe(false);
  }, 90_000);

  it("a start-up that passes every check keeps its generated secret, and the next one reuses it", async () => {
    const data = join(dir, "kept");
    const env = { DATABASE_URL: `file:${join(data, "db.sqlite")}` };
    const first = await start(env, process.cwd(), ["migrate"]);
    expect(first.code, first.output).toBe(0);
    const secret = readFileSync(join(data, "token-secret"), "utf8");
    expect(secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect((await start(env, process.cwd(), ["migrate"])).code).toBe(0);
    expect(readFileSync(join(data, "token-secret"), "utf8")).toBe(secret);
  }, 90_000);
});

describe("blank values", () => {
  it("count as unset, as empty ones do: a blank TOKEN_SECRET is generated, no folder named ' '", async () => {
    const cwd = join(dir, "blank");
    mkdirSync(cwd);
    const env = { DATABASE_URL: `file:${join(cwd, "db.sqlite")}`, OUTBOX_DIR: " ", TOKEN_SECRET: "   " };
    const result = await start(env, cwd, ["migrate"]);
    expect(result.code, result.output).toBe(0);
    expect(
      readdirSync(cwd)
        .filter((f) => !f.startsWith("db.sqlite"))
        .sort(),
    ).toEqual(["data", "token-secret"]);
    expect(readdirSync(join(cwd, "data"))).toEqual(["outbox"]);
  }, 90_000);
});

describe("a folder that cannot be made", () => {
  it("OUTBOX_DIR or a database folder under /proc is refused naming the variable (it used to spin forever)", async () => {
    const secret = { TOKEN_SECRET: "dev-secret-0123456789abcdef" };
    const [outbox, database] = await Promise.all([
      start({ ...secret, PORT: String(await freePort()), OUTBOX_DIR: "/proc/nope/outbox" }),
      start({ ...secret, PORT: String(await freePort()), DATABASE_URL: "file:/proc/nope/db.sqlite" }),
    ]);
    expectRefusal(outbox, "OUTBOX_DIR", /\/proc\/nope\/outbox cannot be created or written \(ENOENT\)/);
    expectRefusal(database, "DATABASE_URL", /cannot create \/proc\/nope\/db\.sqlite \(ENOENT\)/);
  }, 90_000);
});
