/**
 * One measurement in its own process (so peak RSS belongs to that measurement alone). Modes:
 *   build  --db FILE --subscribers N --listings N --new N   migrate and fill a fresh database
 *   run    --db FILE [--naive N] [--micro N]                the weekly run into the null mailer
 *   resend --db FILE --fake URL [--rate R]                  the weekly run through the real SDK to a fake Resend
 * Prints one JSON object on its last line.
 */
import { parseArgs } from "node:util";
import { getHeapSpaceStatistics } from "node:v8";
import { applyMigrations } from "../src/node/migrate";
import { openDatabase } from "../db/client";
import { runDigest } from "../src/digest/run";
import { createDigestComposer } from "../src/digest/compose";
import { createNullMailer } from "../src/mail/transports/null";
import { createSharedPacer } from "../src/mail/pacer";
import { createResendMailer } from "../src/mail/transports/resend";
import { benchDeps } from "./deps";
import { timeDatabase, timeMailer, type Tallies } from "./instrument";
import { microStages } from "./micro";
import { naiveRun } from "./naive";
import { buildWorkload, NOW } from "./workload";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    db: { type: "string" },
    subscribers: { type: "string" },
    listings: { type: "string" },
    new: { type: "string" },
    naive: { type: "string" },
    micro: { type: "string" },
    fake: { type: "string" },
    rate: { type: "string" },
  },
});
const mode = positionals[0];
const dbFile = args.db!;
/** SEND_RATE_PER_SEC for resend mode; none means no limit. */
const rate = args.rate === undefined ? undefined : Number(args.rate);
const mb = (kb: number) => Math.round(kb / 102.4) / 10;

async function build() {
  const database = await openDatabase(`file:${dbFile}`);
  await applyMigrations(database.db);
  const t0 = performance.now();
  const counts = await buildWorkload(database.db, {
    subscribers: Number(args.subscribers),
    listings: Number(args.listings),
    fresh: Number(args.new),
  });
  // Experiment only (not the service's schema): BENCH_CLAIM_INDEX=1 adds the index the claim query wants.
  if (process.env.BENCH_CLAIM_INDEX)
    await database.client.execute("CREATE INDEX bench_deliveries_claim_idx ON deliveries (status, created_at, id)");
  await database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
  database.client.close();
  return { ...counts, buildMs: Math.round(performance.now() - t0) };
}

async function weeklyRun(kind: "null" | "resend") {
  const tallies: Tallies = {};
  const nullMailer = createNullMailer();
  // As the Node service sends: no limit, or one above 8 requests/s, on the SDK's own thread; pacing every request at the limit when one is given.
  const pacer = rate === undefined ? undefined : createSharedPacer((await openDatabase(`file:${dbFile}`)).db, rate);
  const inner = kind === "null" ? nullMailer : createResendMailer("re_bench_key", args.fake!, pacer);
  const deps = await benchDeps(
    dbFile,
    timeMailer(inner, tallies),
    rate === undefined ? {} : { SEND_RATE_PER_SEC: String(rate) },
  );
  timeDatabase(deps.database.client, tallies);
  // The database's size on disk (the log folded in first), before and after the week's run.
  const dbBytes = async () => {
    await deps.database.client.execute("PRAGMA wal_checkpoint(TRUNCATE)");
    const [pages, size] = await Promise.all([
      deps.database.client.execute("PRAGMA page_count"),
      deps.database.client.execute("PRAGMA page_size"),
    ]);
    return Number(pages.rows[0]![0]) * Number(size.rows[0]![0]);
  };
  const dbBytesBefore = await dbBytes();
  const rssBefore = process.memoryUsage().rss;
  const gc = (globalThis as { gc?: () => void }).gc;
  const collector = process.env.BENCH_GC && gc ? setInterval(gc, Number(process.env.BENCH_GC)) : undefined;
  let atPeak: NodeJS.MemoryUsage | undefined;
  let spacesAtPeak: Record<string, number> = {};
  const sampler = setInterval(() => {
    const m = process.memoryUsage();
    if (atPeak && m.rss <= atPeak.rss) return;
    atPeak = m;
    // Old space full of garbage between mark-compacts, or something held: the heap's spaces tell.
    spacesAtPeak = Object.fromEntries(getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]));
  }, 50);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const trace = process.env.BENCH_TRACE
    ? (line: string) =>
        process.stderr.write(
          `${line} rss=${Math.round(process.memoryUsage().rss / 1048576)} heap=${Math.round(process.memoryUsage().heapUsed / 1048576)}\n`,
        )
    : undefined;
  const composer = createDigestComposer();
  const run = await runDigest(deps, { now: NOW, runId: "bench-run", onProgress: trace, composer });
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  clearInterval(sampler);
  clearInterval(collector);
  const peakRssKb = process.resourceUsage().maxRSS;
  const dbBytesAfter = await dbBytes();
  const result = {
    dbBytesBefore,
    dbBytesAfter,
    mode: kind,
    digests: run.sent,
    due: run.due,
    planned: run.planned,
    skippedEmpty: run.skippedEmpty,
    skippedSuppressed: run.skippedSuppressed + (run.skipped ?? 0),
    failed: run.failed,
    deferred: run.deferred,
    batches: run.batches,
    totalMs: t2 - t0,
    digestsPerSec: ((run.sent ?? 0) / (t2 - t0)) * 1000,
    /** CPU time of the whole process (every thread: the collector's helpers, the transport's) during the run. */
    cpuMs: (cpu.user + cpu.system) / 1000,
    peakRssMb: mb(peakRssKb),
    rssAtStartMb: Math.round(rssBefore / 104857.6) / 10,
    rssSampledPeakMb: Math.round((atPeak?.rss ?? 0) / 104857.6) / 10,
    stages: Object.fromEntries(Object.entries(tallies).map(([k, v]) => [k, { ms: Math.round(v.ms), calls: v.calls }])),
    render: { ...composer.renderer.stats },
    mailerCalls: kind === "null" ? nullMailer.calls : undefined,
    /** The main thread's heap, buffers outside it, and the rest (other threads' heaps, native memory) when RSS peaked. */
    memoryAtPeakMb: atPeak && inMb(atPeak),
    memoryAtEndMb: inMb(process.memoryUsage()),
    heapSpacesAtPeakMb: inMb(spacesAtPeak),
  };
  const extra: Record<string, unknown> = {};
  if (process.env.BENCH_SMAPS) {
    const { readFileSync } = await import("node:fs");
    const maps: { name: string; rss: number }[] = [];
    let cur = "";
    for (const line of readFileSync("/proc/self/smaps", "utf8").split("\n")) {
      const head = line.match(/^[0-9a-f]+-[0-9a-f]+ \S+ \S+ \S+ \S+\s*(.*)$/);
      if (head) cur = head[1] || "[anon]";
      const rss = line.match(/^Rss:\s+(\d+) kB/);
      if (rss) maps.push({ name: cur, rss: Number(rss[1]) });
    }
    const by: Record<string, number> = {};
    for (const m of maps) by[m.name] = (by[m.name] ?? 0) + m.rss;
    extra.smaps = Object.entries(by)
      .sort((a, b) => b[1] - a[1])
      .slice(0, 8);
  }
  if (args.micro) extra.micro = await microStages(deps, NOW, Number(args.micro));
  if (args.naive) extra.naive = await naiveRun({ ...deps, mailer: createNullMailer() }, NOW, Number(args.naive));
  deps.database.client.close();
  return { ...result, ...extra };
}

const out =
  mode === "build"
    ? await build()
    : mode === "run"
      ? await weeklyRun("null")
      : mode === "resend"
        ? await weeklyRun("resend")
        : null;
if (!out) throw new Error(`unknown mode ${mode}`);
console.log(JSON.stringify(out));

/** Each figure of a memory reading in whole MB. */
function inMb(usage: NodeJS.MemoryUsage | Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(usage).map(([k, v]) => [k, Math.round(v / 1048576)]));
}
