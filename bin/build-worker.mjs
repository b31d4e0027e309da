#!/usr/bin/env node
// npm run build:worker — the Workers build check (.ci/run): bundles the Worker as `wrangler deploy`
// would (nothing uploaded), prints its size raw and gzip, fails above the platform's compressed
// limit, and profiles start-up with `wrangler check startup` (the platform allows 1 s).
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { gzipSync } from "node:zlib";

const OUT = "dist-worker";
const GZIP_LIMIT = 3 * 1024 * 1024; // Workers Free plan: 3 MB after compression (Paid: 10 MB)
const STARTUP_LIMIT_MS = 1000;

function wrangler(args) {
  const run = spawnSync("npx", ["wrangler", ...args], { stdio: ["ignore", "pipe", "inherit"], encoding: "utf8" });
  if (run.status !== 0) {
    process.stdout.write(run.stdout ?? "");
    console.error(`wrangler ${args.join(" ")} failed (exit ${run.status})`);
    process.exit(1);
  }
  return run.stdout;
}

rmSync(OUT, { recursive: true, force: true });
wrangler(["deploy", "--dry-run", "--outdir", OUT]);
const files = readdirSync(OUT).filter((f) => f.endsWith(".js"));
const raw = files.reduce((n, f) => n + statSync(join(OUT, f)).size, 0);
const gzip = files.reduce((n, f) => n + gzipSync(readFileSync(join(OUT, f)), { level: 9 }).length, 0);
const kib = (n) => `${(n / 1024).toFixed(0)} KiB`;
console.log(`worker bundle: ${kib(raw)}, gzip ${kib(gzip)} (limit ${kib(GZIP_LIMIT)})`);
if (gzip > GZIP_LIMIT) {
  console.error("the Worker bundle is over the platform's compressed size limit");
  process.exit(1);
}

const profile = join(OUT, "startup.cpuprofile");
wrangler(["check", "startup", "--outfile", profile]);
const { timeDeltas } = JSON.parse(readFileSync(profile, "utf8"));
// The first delta is the profiler's own start; the rest is the module's top-level evaluation.
const startupMs = timeDeltas.slice(1).reduce((n, d) => n + d, 0) / 1000;
console.log(`worker start-up (local profile): ${startupMs.toFixed(0)} ms (limit ${STARTUP_LIMIT_MS} ms)`);
if (startupMs > STARTUP_LIMIT_MS) {
  console.error("the Worker's start-up is over the platform's limit");
  process.exit(1);
}
