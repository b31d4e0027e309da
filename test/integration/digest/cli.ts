import { spawn, type ChildProcess } from "node:child_process";
import { join } from "node:path";
import { TEST_SECRET } from "../../support/deps";
import type { DigestDeps } from "./helpers";

export interface CliRun {
  child: ChildProcess;
  /** Resolves when the process ended, however it ended. */
  done: Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>;
}

/**
 * Starts `digest run --now ISO --json` as its own process, exactly as an operator would, against
 * the test's database file and the fake Resend running in the test process (whose idempotency
 * memory therefore outlives the process).
 */
export function startDigestRun(deps: DigestDeps, now: Date, env: Record<string, string> = {}): CliRun {
  const child = spawn(
    process.execPath,
    ["--import", "tsx", "src/cli.ts", "digest", "run", "--now", now.toISOString(), "--json"],
    {
      cwd: process.cwd(),
      env: {
        PATH: process.env.PATH,
        DATABASE_STATEMENT_LIMITS: "d1", // D1's limits in the child too (vitest.config.ts)
        NODE_ENV: "test",
        DATABASE_URL: deps.config.databaseUrl,
        OUTBOX_DIR: join(deps.dir, "outbox"),
        RESEND_API_KEY: "re_test",
        RESEND_BASE_URL: deps.fake.url,
        TOKEN_SECRET: TEST_SECRET,
        PUBLIC_URL: deps.config.publicUrl,
        MAIL_FROM: "Backend Weekly <digest@example.com>",
        SEND_RATE_PER_SEC: "1000",
        SCHEDULER: "off",
        ...env,
      },
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  const done = new Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }>(
    (resolve) => child.once("exit", (code, signal) => resolve({ code, signal, stdout, stderr })),
  );
  return { child, done };
}

/** The `--json` summary a finished run printed on its last line. */
export function summaryOf(stdout: string): Record<string, number> {
  const last = stdout.trim().split("\n").at(-1) ?? "";
  return JSON.parse(last) as Record<string, number>;
}
