/**
 * npm run bench [-- --subscribers N --listings N --new N --mode all|null|resend|rate --json]
 *
 * Times the whole weekly run (selection, ranking, HTML and text, headers, ledger writes, hand-off)
 * on a seeded workload in a temp libSQL file, each measurement in its own process so peak RSS is
 * that measurement's alone:
 *   null    the run into a null mailer at 25,000 subscribers and at N (default 100,000), with the
 *           naive baseline (per-subscriber queries, React Email render() twice) on a sample
 *   resend  the run through the real Resend SDK to the fake Resend on loopback, no rate limit
 *   rate    the same at SEND_RATE_PER_SEC (default 2, the service default) against a fake enforcing it
 * With --json the figures are printed as one JSON object on the last line. BENCH_GAPS=1 also
 * prints the gaps (ms) between request arrivals in rate mode.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";

const { values: args } = parseArgs({
  options: {
    subscribers: { type: "string", default: "100000" },
    listings: { type: "string", default: "5000" },
    new: { type: "string", default: "1500" },
    mode: { type: "string", default: "all" },
    "naive-sample": { type: "string", default: "200" },
    "resend-subscribers": { type: "string", default: "25000" },
    json: { type: "boolean", default: false },
  },
});
const N = Number(args.subscribers);
const childScript = new URL("./child.ts", import.meta.url).pathname;
const fakeScript = new URL("./fake-server.ts", import.meta.url).pathname;
// React and the service run as in production (React's development build is several times slower).
const env = { ...process.env, NODE_ENV: "production" };
const say = (line: string) => (args.json ? process.stderr : process.stdout).write(`${line}\n`);

function child(script: string, argv: string[]): Promise<Record<string, any>> {
  return new Promise((resolve, reject) => {
    const p = spawn(process.execPath, [...process.execArgv, script, ...argv], {
      env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let out = "";
    p.stdout.on("data", (d) => (out += d));
    p.on("exit", (code) =>
      code === 0
        ? resolve(JSON.parse(out.trim().split("\n").at(-1)!))
        : reject(new Error(`${argv[0]} exited with ${code}`)),
    );
  });
}

async function withDatabase<T>(subscribers: number, f: (db: string) => Promise<T>): Promise<T> {
  const dir = mkdtempSync(join(tmpdir(), "bw-bench-"));
  try {
    const db = join(dir, "bench.db");
    const built = await child(childScript, [
      "build",
      "--db",
      db,
      "--subscribers",
      String(subscribers),
      "--listings",
      args.listings!,
      "--new",
      args.new!,
    ]);
    say(
      `  built ${subscribers.toLocaleString("en-US")} subscribers, ${built.listings} listings (${built.fresh} new), ${built.previousDigests} previous digests in ${(built.buildMs / 1000).toFixed(1)} s`,
    );
    return await f(db);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

async function startFake(rate?: number) {
  const p = spawn(process.execPath, [...process.execArgv, fakeScript, ...(rate ? [String(rate)] : [])], {
    env,
    stdio: ["pipe", "pipe", "inherit"],
  });
  const lines: string[] = [];
  let waiting: ((line: string) => void) | null = null;
  let buffer = "";
  p.stdout.on("data", (d) => {
    buffer += d;
    let i: number;
    while ((i = buffer.indexOf("\n")) >= 0) {
      const line = buffer.slice(0, i);
      buffer = buffer.slice(i + 1);
      if (waiting) {
        const w = waiting;
        waiting = null;
        w(line);
      } else lines.push(line);
    }
  });
  const next = () => new Promise<string>((resolve) => (lines.length ? resolve(lines.shift()!) : (waiting = resolve)));
  const { url } = JSON.parse(await next());
  return {
    url: url as string,
    async report(): Promise<{ accepted: number; requests: { at: number; status: number }[]; cpuMs: number }> {
      p.stdin.write("report\n");
      return JSON.parse(await next());
    },
    quit: () => p.stdin.end("quit\n"),
  };
}

const round = (n: number, d = 0) => Math.round(n * 10 ** d) / 10 ** d;
const report: Record<string, unknown> = { subscribers: N, listings: Number(args.listings), new: Number(args.new) };

if (args.mode === "all" || args.mode === "null") {
  const sizes = N > 25_000 ? [25_000, N] : [N];
  const runs: Record<string, any>[] = [];
  for (const size of sizes) {
    say(`null mailer, ${size.toLocaleString("en-US")} subscribers`);
    const isMain = size === N;
    runs.push(
      await withDatabase(size, (db) =>
        child(childScript, [
          "run",
          "--db",
          db,
          ...(isMain ? ["--micro", "1000", "--naive", args["naive-sample"]!] : []),
        ]),
      ),
    );
  }
  const main = runs.at(-1)!;
  const stageRows = Object.entries(main.stages as Record<string, { ms: number; calls: number }>).sort(
    (a, b) => b[1].ms - a[1].ms,
  );
  const dbMs = stageRows.filter(([k]) => k.startsWith("db:")).reduce((s, [, v]) => s + v.ms, 0);
  say("");
  say(
    `whole run into the null mailer (${N.toLocaleString("en-US")} subscribers, ${main.due} due, ${main.digests} digests sent, ${main.skippedEmpty} empty weeks)`,
  );
  say(`  ${round(main.digestsPerSec)} digests/s  (${round(main.totalMs / 1000, 1)} s)`);
  say(`  ms per stage (whole run):`);
  // Not minus the hand-off: the next batch is composed while one is with the mailer, so its wall time overlaps.
  say(`    everything but the database: selection, ranking, composition, hand-off ${round(main.totalMs - dbMs)}`);
  for (const [k, v] of stageRows) say(`    ${k.padEnd(36)} ${v.ms}  (${v.calls} calls)`);
  say(
    `  µs per digest, composition steps (sample of ${main.micro.digests}): ${Object.entries(main.micro.usPerDigest)
      .map(([k, v]) => `${k} ${v}`)
      .join(", ")}`,
  );
  say(
    `  renderer: ${main.render.fast} fast, ${main.render.fallback} fell back to render(), ${main.render.shapes} shapes compiled`,
  );
  say(
    `  peak RSS: ${runs.map((r, i) => `${sizes[i]!.toLocaleString("en-US")} → ${r.peakRssMb} MB`).join(", ")}${runs.length === 2 ? `  (${round((runs[1]!.peakRssMb / runs[0]!.peakRssMb - 1) * 100, 1)}%)` : ""}`,
  );
  // What one week's run adds to the database (ledger rows, contents, batches), per 1,000 subscribers.
  const kbPer1000PerWeek = round((main.dbBytesAfter - main.dbBytesBefore) / 1024 / (N / 1000), 1);
  say(
    `  database: ${round(main.dbBytesBefore / 1048576, 1)} MB before the run, ${round(main.dbBytesAfter / 1048576, 1)} MB after: ${kbPer1000PerWeek} KB per 1,000 subscribers per week`,
  );
  say(
    `  naive baseline (sample of ${main.naive.digests} digests, same process): ${round(main.naive.digestsPerSec, 1)} digests/s → ratio ${round(main.digestsPerSec / main.naive.digestsPerSec)}×`,
  );
  report.null = {
    digestsPerSec: round(main.digestsPerSec),
    totalMs: round(main.totalMs),
    notDatabaseMs: round(main.totalMs - dbMs),
    stages: main.stages,
    microUsPerDigest: main.micro.usPerDigest,
    renderer: main.render,
    peakRssMb: Object.fromEntries(runs.map((r, i) => [sizes[i], r.peakRssMb])),
    perSize: runs.map((r, i) => ({
      subscribers: sizes[i],
      digests: r.digests,
      digestsPerSec: round(r.digestsPerSec),
      peakRssMb: r.peakRssMb,
    })),
    naive: { sample: main.naive.digests, digestsPerSec: round(main.naive.digestsPerSec, 2) },
    ratio: round(main.digestsPerSec / main.naive.digestsPerSec, 1),
    database: {
      bytesBefore: main.dbBytesBefore,
      bytesAfter: main.dbBytesAfter,
      kbPer1000SubscribersPerWeek: kbPer1000PerWeek,
    },
  };
}

if (args.mode === "all" || args.mode === "resend") {
  const size = Math.min(N, Number(args["resend-subscribers"]));
  say("");
  say(`through the fake Resend on loopback, no rate limit, ${size.toLocaleString("en-US")} subscribers`);
  const fake = await startFake();
  const r = await withDatabase(size, (db) => child(childScript, ["resend", "--db", db, "--fake", fake.url]));
  const server = await fake.report();
  fake.quit();
  say(
    `  ${round(r.digestsPerSec)} emails/s over the whole run (${r.digests} emails in ${r.batches} batch requests, ${round(r.totalMs / 1000, 1)} s); fake accepted ${server.accepted}`,
  );
  // Both processes share the machine's cores: CPU per email says which side a change should cut.
  const perEmail = (ms: number) => round((ms / r.digests) * 1000);
  say(
    `  CPU per email: run ${perEmail(r.cpuMs)} µs (all its threads, the SDK's included), fake Resend ${perEmail(server.cpuMs)} µs (from when it listened); run's peak RSS ${r.peakRssMb} MB`,
  );
  report.resend = {
    subscribers: size,
    emails: r.digests,
    emailsPerSec: round(r.digestsPerSec),
    accepted: server.accepted,
    peakRssMb: r.peakRssMb,
    cpuUsPerEmail: { run: perEmail(r.cpuMs), fake: perEmail(server.cpuMs) },
  };
}

if (args.mode === "all" || args.mode === "rate") {
  const rate = Number(process.env.SEND_RATE_PER_SEC ?? 2); // the service default (DESIGN.md §7)
  // About twenty seconds of requests at the limit: the one longer gap after a process's first
  // request (its round trip longer, see mail/pacer.ts) is one in 39, not one in 19 (in a run for
  // 100,000 subscribers, one in a thousand), so the figure is the steady rate a run keeps.
  const size = Math.max(2_000, Math.round(rate * 100 * 20));
  say("");
  say(
    `SEND_RATE_PER_SEC=${rate} against a fake Resend enforcing ${rate} requests/s, ${size.toLocaleString("en-US")} subscribers`,
  );
  const fake = await startFake(rate);
  const r = await withDatabase(size, (db) =>
    child(childScript, ["resend", "--db", db, "--fake", fake.url, "--rate", String(rate)]),
  );
  const server = await fake.report();
  fake.quit();
  const at = server.requests.map((q) => q.at).sort((a, b) => a - b);
  const achieved = at.length > 1 ? ((at.length - 1) / (at.at(-1)! - at[0]!)) * 1000 : 0;
  let maxWindow = 0;
  for (let i = 0, j = 0; i < at.length; i++) {
    while (at[i]! - at[j]! >= 1000) j++;
    maxWindow = Math.max(maxWindow, i - j + 1);
  }
  if (process.env.BENCH_GAPS)
    say(
      `  gaps ${at
        .slice(1)
        .map((t, i) => Math.round(t - at[i]!))
        .join(" ")}`,
    );
  const limited = server.requests.filter((q) => q.status === 429).length;
  const within = achieved <= rate && achieved >= rate * 0.95 && limited === 0;
  say(
    `  achieved ${round(achieved, 2)} requests/s for a limit of ${rate} (${round((achieved / rate) * 100, 1)}%); busiest 1-second window ${maxWindow} requests; ${limited} answered 429; ${r.digests} emails in ${at.length} requests`,
  );
  say(`  ${within ? "within 5% below the limit and never above it" : "NOT within 5% below the limit"}`);
  report.rate = {
    limit: rate,
    achievedPerSec: round(achieved, 3),
    percentOfLimit: round((achieved / rate) * 100, 2),
    busiestSecond: maxWindow,
    rateLimited429: limited,
    requests: at.length,
    emails: r.digests,
    within,
  };
}

if (args.json) console.log(JSON.stringify(report));
