import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { freePort } from "./free-port";

export interface RunningService {
  url: string;
  dir: string;
  /** The environment the service runs with, for CLI commands against the same database and outbox. */
  env: Record<string, string>;
  output: () => string;
  stop(): Promise<void>;
}

/**
 * Starts the service as `npm start` does (src/node.ts through tsx), on a free port with its own
 * temp data folder: the embedded database, the outbox, a generated token secret. Waits for
 * /healthz. This is what a newcomer runs, so browser tests drive exactly that.
 */
export async function startService(env: Record<string, string> = {}): Promise<RunningService> {
  const dir = mkdtempSync(join(tmpdir(), "bw-service-"));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  let output = "";
  const serviceEnv: Record<string, string> = {
    NODE_ENV: "development",
    PORT: String(port),
    PUBLIC_URL: url,
    DATABASE_URL: `file:${join(dir, "backend-weekly.db")}`,
    OUTBOX_DIR: join(dir, "outbox"),
    SCHEDULER: "off",
    RESEND_API_KEY: "",
    TOKEN_SECRET: "",
    ...env,
  };
  const child: ChildProcess = spawn(process.execPath, ["--import", "tsx", "src/node.ts"], {
    env: { ...process.env, ...serviceEnv },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`service exited early:\n${output}`);
    try {
      if ((await fetch(`${url}/healthz`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`service did not start in 30 s:\n${output}`);
    await new Promise((r) => setTimeout(r, 150));
  }
  return {
    url,
    dir,
    env: serviceEnv,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once("exit", r));
        child.kill("SIGTERM");
        await Promise.race([exited, new Promise((r) => setTimeout(r, 5000))]);
        if (child.exitCode === null) child.kill("SIGKILL");
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Runs a CLI command against a running service's database and outbox; returns standard output. */
export function runCli(service: RunningService, args: string[]): string {
  return execFileSync(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
    env: { ...process.env, ...service.env },
    encoding: "utf8",
    stdio: ["ignore", "pipe", "pipe"],
  });
}
