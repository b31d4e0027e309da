/**
 * The Workers scale run (issue 20.7): the bench's workload through `wrangler dev` with a local D1,
 * local Queues and the fake Resend (no rate limit). One digest Cron Trigger at the workload's NOW
 * fans the subscribers out in slices; the queue consumer runs each. Measures wall time from the
 * trigger to the last slice, workerd's CPU per queue message and peak resident memory (one
 * process holds the isolate), slice runs beyond one per slice (redeliveries), and duplicates or
 * missing digests. `npx tsx bench/workers-scale.ts [--subscribers 100000] [--slice 500]`
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, openSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { createClient } from "@libsql/client";
import { drizzle } from "drizzle-orm/libsql";
import * as schema from "../db/schema";
import { startFakeResend } from "../test/support/fake-resend";
import { BENCH_SECRET } from "./deps";
import { buildWorkload, NOW } from "./workload";

const { values: args } = parseArgs({
  options: {
    subscribers: { type: "string", default: "100000" },
    listings: { type: "string", default: "5000" },
    new: { type: "string", default: "1500" },
    slice: { type: "string", default: "500" },
    port: { type: "string", default: "8791" },
    "inspector-port": { type: "string", default: "9339" },
    /** Force a full GC before each heap sample (every 500 ms): the live heap, at some cost in CPU. */
    "live-heap": { type: "boolean", default: false },
    /** Run bench/workers-profile.ts (per-statement D1 timings per message) and keep wrangler's log. */
    profile: { type: "boolean", default: false },
  },
});
const dir = mkdtempSync(join(tmpdir(), "bw-workers-scale-"));
const say = (line: string) => process.stdout.write(`${line}\n`);

spawnSync("npx", ["wrangler", "d1", "migrations", "apply", "backend-weekly", "--local", "--persist-to", dir], {
  stdio: "ignore",
});
const d1Dir = join(dir, "v3/d1/miniflare-D1DatabaseObject");
const file = join(d1Dir, readdirSync(d1Dir).find((f) => f.endsWith(".sqlite") && f !== "metadata.sqlite")!);
const client = createClient({ url: `file:${file}` });
const db = drizzle(client, { schema });
const size = { subscribers: Number(args.subscribers), listings: Number(args.listings), fresh: Number(args.new) };
const seeded = await buildWorkload(db, size);
say(`seeded ${JSON.stringify(seeded)}`);

const perAddress = new Map<string, number>();
const fake = await startFakeResend({
  onAccepted: (e) => perAddress.set(e.to[0]!, (perAddress.get(e.to[0]!) ?? 0) + 1),
});
const vars = {
  NODE_ENV: "development",
  TOKEN_SECRET: BENCH_SECRET,
  PUBLIC_URL: "https://weekly.example.com",
  MAIL_FROM: "Backend Weekly <digest@weekly.example.com>",
  RESEND_API_KEY: "re_bench",
  RESEND_BASE_URL: fake.url,
  SEND_RATE_PER_SEC: "1000",
  DIGEST_SLICE_SIZE: args.slice!,
};
const varArgs = Object.entries(vars).flatMap(([k, v]) => ["--var", `${k}:${v}`]);
const entry = args.profile ? ["bench/workers-profile.ts"] : [];
const log = args.profile ? openSync(join(tmpdir(), `workers-profile-${args.subscribers}.log`), "w") : "ignore";
const dev = spawn(
  "npx",
  [
    ...["wrangler", "dev", ...entry, "--persist-to", dir, "--port", args.port!, "--ip", "127.0.0.1"],
    ...["--inspector-port", args["inspector-port"]!, ...varArgs],
  ],
  { stdio: ["ignore", log, log], detached: true },
);
const base = `http://127.0.0.1:${args.port}`;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
for (let i = 0; ; i++) {
  if (i > 600) throw new Error("wrangler dev did not start");
  if (
    await fetch(`${base}/healthz`).then(
      (r) => r.ok,
      () => false,
    )
  )
    break;
  await sleep(250);
}

/** workerd under this wrangler: its CPU seconds and resident memory, read from /proc. */
function workerdPids(): number[] {
  const out = spawnSync("pgrep", ["-g", String(dev.pid), "workerd"], { encoding: "utf8" }).stdout.trim();
  return out ? out.split("\n").map(Number) : [];
}
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100; // utime + stime, in clock ticks
}
function rssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, "utf8")
    .split("\n")
    .find((l) => l.startsWith("VmRSS"))!;
  return Number(line.split(/\s+/)[1]) / 1024;
}
const pids = workerdPids();
let peakRss = 0;
const sampler = setInterval(() => {
  peakRss = Math.max(
    peakRss,
    pids.reduce((n, p) => n + rssMb(p), 0),
  );
}, 200);

const heap = await sampleIsolateHeap(`ws://127.0.0.1:${args["inspector-port"]}/ws`, args["live-heap"]!);
// After the heap's first reading (it forces two collections): the CPU counted is the run's.
const cpuBefore = pids.reduce((n, p) => n + cpuSeconds(p), 0);

/**
 * The Worker isolate's own JS heap (what a Worker's 128 MB limit is about; workerd's RSS also
 * holds the local D1's SQLite and wrangler's proxies), polled through the DevTools protocol
 * that `wrangler dev --inspector-port` serves: the peak seen while the slices run (garbage
 * included, unless `live`), and the live heap after a full GC before the tick and after the last
 * slice (what one isolate keeps from message to message). Node 20 needs `--experimental-websocket`
 * for WebSocket (the command in bench/RESULTS.md); without it the heap is reported as null.
 */
async function sampleIsolateHeap(url: string, live: boolean) {
  if (typeof WebSocket === "undefined") return { stop: async () => null };
  // Node's WebSocket takes headers; wrangler's inspector proxy refuses a connection without an Origin.
  const Ws = WebSocket as unknown as new (u: string, o: { headers: Record<string, string> }) => WebSocket;
  const ws = new Ws(url, { headers: { Origin: "http://localhost" } });
  await new Promise((resolve, reject) => {
    ws.onopen = resolve;
    ws.onerror = reject;
  });
  type Usage = { usedSize?: number; totalSize?: number };
  const waiting = new Map<number, (result: Usage) => void>();
  ws.onmessage = (e) => {
    const m = JSON.parse(String(e.data)) as { id?: number; result?: Usage };
    if (m.id !== undefined) waiting.get(m.id)?.(m.result ?? {});
    waiting.delete(m.id!);
  };
  let id = 0;
  // Bounded: a question workerd leaves unanswered must not hold the bench (and the shared lock).
  const ask = (method: string) =>
    new Promise<Usage>((resolve) => {
      waiting.set(++id, resolve);
      ws.send(JSON.stringify({ id, method }));
      setTimeout(() => resolve({}), 5_000);
    });
  // workerd runs HeapProfiler.collectGarbage but never answers it: sent without waiting, the
  // usage asked right after is answered once the collection is done (one session, in order).
  const collect = () => ws.send(JSON.stringify({ id: ++id, method: "HeapProfiler.collectGarbage" }));
  const mb = (bytes = 0) => Math.round(bytes / 2 ** 20);
  // Twice, a moment apart: the collection may still be under way when the next question is answered.
  const liveNow = async () => {
    for (let i = 0; i < 2; i++) {
      collect();
      await new Promise((r) => setTimeout(r, 1_000));
    }
    return mb((await ask("Runtime.getHeapUsage")).usedSize);
  };
  const before = await liveNow();
  const peak = { used: 0, total: 0 };
  const poll = setInterval(
    async () => {
      if (live) collect();
      const usage = await ask("Runtime.getHeapUsage");
      peak.used = Math.max(peak.used, usage.usedSize ?? 0);
      peak.total = Math.max(peak.total, usage.totalSize ?? 0);
    },
    live ? 500 : 100,
  );
  return {
    async stop() {
      clearInterval(poll);
      const after = await liveNow();
      ws.close();
      return { liveBeforeMb: before, peakUsedMb: mb(peak.used), peakHeapMb: mb(peak.total), liveAfterMb: after, live };
    },
  };
}

const sliceRuns = async () =>
  Number(
    (await client.execute("SELECT count(*) AS n FROM job_runs WHERE job = 'digest-slice' AND status != 'running'"))
      .rows[0]!.n,
  );
const started = performance.now();
const tick = await fetch(
  `${base}/cdn-cgi/handler/scheduled?cron=${encodeURIComponent("*/15 * * * *")}&time=${NOW.getTime()}`,
);
say(`tick answered ${tick.status} after ${((performance.now() - started) / 1000).toFixed(1)} s`);
const [fan] = (
  await client.execute("SELECT summary FROM job_runs WHERE job = 'digest' ORDER BY started_at DESC LIMIT 1")
).rows;
const slices = Number(JSON.parse(String(fan!.summary)).slices);
while ((await sliceRuns()) < slices) await sleep(500);
const wall = (performance.now() - started) / 1000;
clearInterval(sampler);
const cpu = pids.reduce((n, p) => n + cpuSeconds(p), 0) - cpuBefore;
const isolateHeap = await heap.stop();

const ledger = await client.execute(
  "SELECT status, count(*) AS n FROM deliveries WHERE kind = 'digest' AND period != '2026-W47' GROUP BY status",
);
const missing = await client.execute(
  "SELECT count(*) AS n FROM subscribers s WHERE NOT EXISTS (SELECT 1 FROM deliveries d WHERE d.subscriber_id = s.id AND d.kind = 'digest' AND d.period != '2026-W47')",
);
const duplicates = [...perAddress.values()].filter((n) => n > 1).length;
const report = {
  subscribers: size.subscribers,
  slices,
  sliceRuns: await sliceRuns(),
  redelivered: (await sliceRuns()) - slices,
  wallSeconds: Number(wall.toFixed(1)),
  workerdCpuSeconds: Number(cpu.toFixed(1)),
  cpuMsPerMessage: Math.round((cpu * 1000) / slices),
  peakWorkerdRssMb: Math.round(peakRss),
  isolateHeap,
  accepted: [...perAddress.values()].reduce((n, v) => n + v, 0),
  duplicates,
  ledger: Object.fromEntries(ledger.rows.map((r) => [r.status, Number(r.n)])),
  missing: Number(missing.rows[0]!.n),
  // The local D1's file (and its write-ahead log) after the run: the seeded workload and one week.
  databaseMb: Math.round(
    [file, `${file}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0) / 2 ** 20,
  ),
};
say(JSON.stringify(report));
process.kill(-dev.pid!, "SIGTERM");
await fake.close();
client.close();
rmSync(dir, { recursive: true, force: true });
