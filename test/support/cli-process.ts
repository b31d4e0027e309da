import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TEST_SECRET } from "./deps";

export interface CliProcess {
  child: ChildProcess;
  /** Resolves when the process ended, however it ended. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/** The environment a CLI child runs with: the test's database and outbox, no scheduler, no Resend unless given. */
export function cliEnv(opts: {
  databaseUrl: string;
  outboxDir: string;
  env?: Record<string, string>;
}): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    DATABASE_STATEMENT_LIMITS: "d1", // D1's limits in the child too (vitest.config.ts)
    NODE_ENV: "test",
    DATABASE_URL: opts.databaseUrl,
    OUTBOX_DIR: opts.outboxDir,
    TOKEN_SECRET: TEST_SECRET,
    PUBLIC_URL: "http://localhost:3000",
    MAIL_FROM: "Backend Weekly <digest@example.com>",
    SCHEDULER: "off",
    ...opts.env,
  };
}

/** Runs `src/cli.ts ARGS` to its end on a test's own database and outbox (`deps` from createTestDeps). */
export function runCliOn(deps: { config: { databaseUrl: string }; dir: string }, args: string[]) {
  return startCli(args, cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: join(deps.dir, "outbox") })).done;
}

/**
 * Starts `src/cli.ts ARGS` as its own process, exactly as an operator runs it. With `onStdout`
 * the caller reads standard output itself (a slow pipe reader, say) and `stdout` stays empty.
 */
export function startCli(args: string[], env: NodeJS.ProcessEnv, onStdout?: (child: ChildProcess) => void): CliProcess {
  const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    cwd: process.cwd(),
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  if (onStdout) onStdout(child);
  else child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.once("close", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/**
 * Runs one of our entry points (`src/node.ts` for `npm start`, `src/cli.ts` with its arguments) to
 * its end in `cwd` with exactly `env`, and returns its exit code and everything it printed. tsx is
 * loaded by its path, so `cwd` may be an empty folder; a process still running after `timeoutMs`
 * is killed, so a hang fails the test instead of stalling the run.
 */
export function runEntry(
  entry: "src/node.ts" | "src/cli.ts",
  args: string[],
  env: NodeJS.ProcessEnv,
  opts: { cwd?: string; timeoutMs?: number; uid?: number; gid?: number } = {},
): Promise<{ code: number | null; output: string }> {
  const root = process.cwd();
  const tsx = pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href;
  const child = spawn(process.execPath, ["--import", tsx, join(root, entry), ...args], {
    cwd: opts.cwd ?? root,
    env,
    stdio: ["ignore", "pipe", "pipe"],
    ...(opts.uid !== undefined ? { uid: opts.uid, gid: opts.gid ?? opts.uid } : {}),
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = setTimeout(() => child.kill("SIGKILL"), opts.timeoutMs ?? 60_000);
  return new Promise((resolve) =>
    child.once("exit", (code) => {
      clearTimeout(deadline);
      resolve({ code, output });
    }),
  );
}
