/**
 * `npm run bench:http` (issue 18.10): the subscribe page (GET /, the real service as `npm start`
 * runs it, production settings, demo listings) and a bare Hono app serving the same bytes,
 * measured side by side in one run with wrk (32 connections; `apt-get install wrk`). Prints both
 * rates, the ratio and p99 latencies. Goal: at least half the bare rate, p99 under 50 ms.
 */
import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { BENCH_SECRET } from "./deps";

const { values: args } = parseArgs({
  options: {
    duration: { type: "string", default: "10" },
    connections: { type: "string", default: "32" },
    rounds: { type: "string", default: "2" },
  },
});
const dir = mkdtempSync(join(tmpdir(), "bw-http-"));
const env = {
  ...process.env,
  NODE_ENV: "production",
  TOKEN_SECRET: BENCH_SECRET,
  PUBLIC_URL: "https://weekly.example.com",
  HOST: "127.0.0.1",
  DATABASE_URL: `file:${join(dir, "bench.db")}`,
  OUTBOX_DIR: join(dir, "outbox"),
  SCHEDULER: "off",
  MAIL_FROM: "Backend Weekly <digest@weekly.example.com>",
};
const children: ChildProcess[] = [];

function start(argv: string[], port: number, extraEnv: Record<string, string> = {}): Promise<void> {
  const child = spawn(process.execPath, argv, {
    env: { ...env, PORT: String(port), ...extraEnv },
    stdio: ["ignore", "ignore", "pipe"],
  });
  children.push(child);
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  return (async () => {
    for (let i = 0; i < 200; i++) {
      if (child.exitCode !== null) throw new Error(`server exited:\n${stderr}`);
      try {
        if ((await fetch(`http://127.0.0.1:${port}/`)).ok) return;
      } catch {
        // not yet listening
      }
      await new Promise((r) => setTimeout(r, 150));
    }
    throw new Error(`server on ${port} did not start:\n${stderr}`);
  })();
}

/** One wrk run: requests per second and p99 in milliseconds (wrk's --latency table). */
function wrk(url: string): { rate: number; p99Ms: number } {
  const out = execFileSync("wrk", ["-t2", `-c${args.connections}`, `-d${args.duration}s`, "--latency", url], {
    encoding: "utf8",
  });
  const rate = Number(/Requests\/sec:\s+([\d.]+)/.exec(out)?.[1]);
  const [, value, unit] = /99%\s+([\d.]+)(us|ms|s)/.exec(out) ?? [];
  const p99Ms = Number(value) * (unit === "us" ? 0.001 : unit === "s" ? 1000 : 1);
  return { rate, p99Ms };
}

try {
  execFileSync(process.execPath, ["--import", "tsx", "src/cli.ts", "seed-demo"], { env, stdio: "ignore" });
  await start(["--import", "tsx", "src/node.ts"], 3901); // as `npm start` runs it
  const page = await (await fetch("http://127.0.0.1:3901/")).text();
  writeFileSync(join(dir, "page.html"), page);
  await start(["--import", "tsx", "bench/http-bare.ts", join(dir, "page.html"), "3902"], 3902);
  const rows: string[] = [];
  // Alternating rounds, so a neighbour's load on the shared machine falls on both alike.
  for (let round = 1; round <= Number(args.rounds); round++) {
    const bare = wrk("http://127.0.0.1:3902/");
    const real = wrk("http://127.0.0.1:3901/");
    rows.push(
      `round ${round}: subscribe page ${real.rate.toFixed(0)} req/s (p99 ${real.p99Ms.toFixed(1)} ms) · bare Hono ${bare.rate.toFixed(0)} req/s ` +
        `(p99 ${bare.p99Ms.toFixed(1)} ms) · ratio ${(real.rate / bare.rate).toFixed(2)}`,
    );
    console.log(rows.at(-1));
  }
  console.log(
    `page ${(page.length / 1024).toFixed(1)} KB, ${args.connections} connections, ${args.duration} s per run`,
  );
} finally {
  for (const child of children) child.kill("SIGTERM");
  rmSync(dir, { recursive: true, force: true });
}
