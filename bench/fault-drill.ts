/**
 * The operator's fault drill (issue 17): kill `subscribers import`, `ingest` and `digest run`
 * with SIGKILL at a random point, re-run each to completion, and count what reached the outbox
 * (or the database) against a run that was never interrupted. Prints one line per trial and a
 * summary; exits non-zero if anything was lost or doubled.
 *
 *   npm run drill                # 10 trials of each
 *   npm run drill -- --trials 3
 *
 * Runs the real CLI as child processes on temp files; talks only to a source server on loopback.
 */
import { spawn } from "node:child_process";
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  writeFileSync,
} from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SOURCE_CLAIM_MS } from "../src/listings/source-claim";
import { seeded } from "../test/support/seeded";

const { values } = parseArgs({ options: { trials: { type: "string", default: "10" }, only: { type: "string" } } });
const TRIALS = Number(values.trials);
/** `--only import|ingest|digest` runs one kind of drill. */
const runs = (kind: string) => !values.only || values.only === kind;
/** The next Wednesday noon UTC after tomorrow: default Monday slots have passed everywhere, and
 * subscribers imported now (the import has no --now) were confirmed before it. */
function nextWednesdayNoon(): Date {
  const at = new Date(Date.now() + 86_400_000);
  at.setUTCHours(12, 0, 0, 0);
  while (at.getUTCDay() !== 3) at.setUTCDate(at.getUTCDate() + 1);
  return at;
}
const NOW = nextWednesdayNoon().toISOString();
const LATER = new Date(Date.parse(NOW) + 10 * 60_000).toISOString(); // past the 5-minute claim of a killed run
const root = mkdtempSync(join(tmpdir(), "bw-drill-"));
const random = seeded(17);

interface Run {
  code: number | null;
  stdout: string;
  stderr: string;
  killed: boolean;
}

/** Runs the CLI; with `killAfterMs`, SIGKILLs it then (if it is still running). */
function cli(dir: string, args: string[], killAfterMs?: number, extraEnv: Record<string, string> = {}): Promise<Run> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ["--import", "tsx", "src/cli.ts", ...args], {
      env: {
        ...process.env,
        NODE_ENV: "development",
        DATABASE_URL: `file:${join(dir, "db.sqlite")}`,
        OUTBOX_DIR: join(dir, "outbox"),
        TOKEN_SECRET: "drill-secret-0123456789abcdefghijklmnopqrstuvwxyzABCDEF",
        SOURCES_FILE: join(dir, "sources.json"),
        SOURCES_ALLOW_PRIVATE: "true",
        PUBLIC_URL: "http://localhost:3000",
        ...extraEnv,
      },
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let killed = false;
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    const timer =
      killAfterMs === undefined ? undefined : setTimeout(() => (killed = child.kill("SIGKILL")), killAfterMs);
    child.on("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr, killed });
    });
  });
}

function mustSucceed(run: Run, what: string): void {
  if (run.code !== 0) throw new Error(`${what} exited ${run.code}:\n${run.stderr.slice(-2000)}`);
}

/** Outbox messages per recipient, for messages of one kind (their `kind` tag). */
function outboxCounts(dir: string, kind: string): Map<string, number> {
  const counts = new Map<string, number>();
  let files: string[] = [];
  try {
    files = readdirSync(join(dir, "outbox")).filter((f) => f.endsWith(".json"));
  } catch {
    return counts;
  }
  for (const file of files) {
    const message = JSON.parse(readFileSync(join(dir, "outbox", file), "utf8")) as {
      to: string | string[];
      tags?: { name: string; value: string }[];
    };
    if (!message.tags?.some((t) => t.name === "kind" && t.value === kind)) continue;
    for (const to of [message.to].flat()) counts.set(to, (counts.get(to) ?? 0) + 1);
  }
  return counts;
}

interface Tally {
  lost: number;
  doubled: number;
}

function compare(expected: Iterable<string>, got: Map<string, number>): Tally {
  let lost = 0;
  let doubled = 0;
  const want = new Set(expected);
  for (const address of want) if (!got.has(address)) lost++;
  for (const [address, n] of got) if (n > 1 || !want.has(address)) doubled += want.has(address) ? n - 1 : n;
  return { lost, doubled };
}

/** Copies a database with its write-ahead log (the log may hold most of what was written). */
function copyDatabase(from: string, to: string): void {
  for (const suffix of ["", "-wal", "-shm"]) {
    if (existsSync(join(from, `db.sqlite${suffix}`)))
      copyFileSync(join(from, `db.sqlite${suffix}`), join(to, `db.sqlite${suffix}`));
  }
  copyFileSync(join(from, "sources.json"), join(to, "sources.json"));
}

function freshDir(name: string): string {
  const dir = join(root, name);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  return dir;
}

const killPoint = (minMs: number, maxMs: number) => Math.round(minMs + random.next() * (maxMs - minMs));

async function importDrill(trial: number, csv: string, addresses: string[]): Promise<Tally> {
  const dir = freshDir(`import-${trial}`);
  writeFileSync(join(dir, "sources.json"), JSON.stringify({ sources: [] }));
  mustSucceed(await cli(dir, ["migrate"]), "migrate");
  const killAt = killPoint(1500, 9000);
  const first = await cli(dir, ["subscribers", "import", csv], killAt);
  mustSucceed(await cli(dir, ["subscribers", "import", csv]), "import re-run");
  const tally = compare(addresses, outboxCounts(dir, "confirm"));
  console.log(
    `import  #${trial + 1}: killed at ${killAt} ms (${first.killed ? "mid-run" : "after it ended"}), lost ${tally.lost}, doubled ${tally.doubled}`,
  );
  return tally;
}

async function digestDrill(trial: number, seededDir: string, expected: string[]): Promise<Tally> {
  const dir = freshDir(`digest-${trial}`);
  copyDatabase(seededDir, dir);
  const killAt = killPoint(1200, 5000);
  const first = await cli(dir, ["digest", "run", "--now", NOW], killAt);
  await cli(dir, ["digest", "run", "--now", LATER]);
  const tally = compare(expected, outboxCounts(dir, "digest"));
  console.log(
    `digest  #${trial + 1}: killed at ${killAt} ms (${first.killed ? "mid-run" : "after it ended"}), lost ${tally.lost}, doubled ${tally.doubled}`,
  );
  return tally;
}

interface StoredListing {
  id: string;
  fingerprint: string;
  status: string;
}

async function listingIds(dir: string): Promise<StoredListing[]> {
  const run = await cli(dir, ["listings", "--json"]);
  mustSucceed(run, "listings --json");
  return run.stdout
    .split("\n")
    .filter((l) => l.startsWith("{") && l.includes('"fingerprint"'))
    .map((l) => JSON.parse(l) as StoredListing);
}

/**
 * Ingest: every trial is killed first; then, once the killed runs' source claims have lapsed (they
 * hold for SOURCE_CLAIM_MS of wall-clock time, so a re-run straight after a kill is `busy`, by
 * design), each is re-run and compared. The re-run must not find its source busy.
 */
async function ingestDrills(trials: number, expected: StoredListing[]): Promise<Tally[]> {
  const killed: { dir: string; killAt: number; midRun: boolean }[] = [];
  for (let trial = 0; trial < trials; trial++) {
    const dir = freshDir(`ingest-${trial}`);
    writeFileSync(join(dir, "sources.json"), sourcesFile);
    mustSucceed(await cli(dir, ["migrate"]), "migrate");
    const killAt = killPoint(1200, 4000);
    const first = await cli(dir, ["ingest", "--force", "--now", NOW], killAt);
    killed.push({ dir, killAt, midRun: first.killed });
  }
  console.log(`ingest: ${trials} runs killed; waiting ${(SOURCE_CLAIM_MS + 5000) / 1000} s for their claims to lapse`);
  await new Promise((r) => setTimeout(r, SOURCE_CLAIM_MS + 5000));
  const tallies: Tally[] = [];
  for (const [trial, { dir, killAt, midRun }] of killed.entries()) {
    const rerun = await cli(dir, ["ingest", "--force", "--now", LATER, "--json"]);
    mustSucceed(rerun, "ingest re-run");
    const summary = JSON.parse(rerun.stdout.trim().split("\n").at(-1)!) as { sources: { status: string }[] };
    if (summary.sources.some((x) => x.status === "busy"))
      throw new Error(`ingest re-run #${trial + 1} found its source busy`);
    const counts = new Map<string, number>();
    for (const l of (await listingIds(dir)).filter((x) => x.status === "open"))
      counts.set(l.id, (counts.get(l.id) ?? 0) + 1);
    const tally = compare(
      expected.filter((x) => x.status === "open").map((x) => x.id),
      counts,
    );
    console.log(
      `ingest  #${trial + 1}: killed at ${killAt} ms (${midRun ? "mid-run" : "after it ended"}), lost ${tally.lost}, doubled ${tally.doubled}`,
    );
    tallies.push(tally);
  }
  return tallies;
}

/** A Remote OK payload of `n` distinct backend listings, all posted the day before NOW. */
function remoteOkPayload(n: number): string {
  const stacks = ["golang", "python", "java", "ruby", "rust", "node"];
  const items = Array.from({ length: n }, (_, i) => ({
    id: String(100000 + i),
    slug: `remote-backend-${i}`,
    epoch: Date.parse(NOW) / 1000 - 86_400,
    date: new Date(Date.parse(NOW) - 86_400_000).toISOString(),
    company: `Drill Company ${i % 400}`,
    position: `Senior Backend Engineer ${stacks[i % stacks.length]} ${i}`,
    tags: ["backend", stacks[i % stacks.length]],
    description: `<p>We build APIs and services in ${stacks[i % stacks.length]} with Postgres and Kafka. Remote worldwide.</p>`,
    location: "Worldwide",
    salary_min: 120000,
    salary_max: 160000,
    url: `https://remoteok.com/remote-jobs/${100000 + i}`,
    apply_url: `https://example.com/apply/${i}`,
  }));
  return JSON.stringify([{ legal: "API Terms of Service" }, ...items]);
}

let sourcesFile = "";

async function main(): Promise<void> {
  // A loopback source for the ingest drill.
  const payload = remoteOkPayload(4800);
  const server = createServer((_req, res) => {
    res.writeHead(200, { "content-type": "application/json" });
    res.end(payload);
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const sourceUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
  sourcesFile = JSON.stringify({
    sources: [{ name: "drill", type: "remoteok", url: sourceUrl, minIntervalMinutes: 1 }],
  });

  // Subscribers: 1,500 to import; the same as confirmed subscribers for the digest drill.
  const addresses = Array.from({ length: 1500 }, (_, i) => `drill${i}@example.com`);
  const csv = join(root, "subscribers.csv");
  writeFileSync(csv, `email\n${addresses.join("\n")}\n`);

  // Digest: one seeded database, copied for each trial; the uninterrupted run says who is due.
  const seededDir = freshDir("digest-seed");
  writeFileSync(join(seededDir, "sources.json"), sourcesFile);
  mustSucceed(await cli(seededDir, ["migrate"]), "migrate");
  mustSucceed(await cli(seededDir, ["ingest", "--force", "--now", NOW]), "ingest (seed)");
  mustSucceed(await cli(seededDir, ["subscribers", "import", csv, "--confirmed"]), "import --confirmed (seed)");
  rmSync(join(seededDir, "outbox"), { recursive: true, force: true });
  const cleanDir = freshDir("digest-clean");
  copyDatabase(seededDir, cleanDir);
  mustSucceed(await cli(cleanDir, ["digest", "run", "--now", NOW]), "digest run (clean)");
  const expectedDigests = [...outboxCounts(cleanDir, "digest").keys()];
  const expectedListings = await listingIds(seededDir);
  console.log(`drill in ${root}: ${expectedDigests.length} digests and ${expectedListings.length} listings expected`);

  const totals: Record<string, Tally> = {};
  const add = (kind: string, t: Tally) => {
    const sum = (totals[kind] ??= { lost: 0, doubled: 0 });
    sum.lost += t.lost;
    sum.doubled += t.doubled;
  };
  for (let i = 0; i < TRIALS && runs("import"); i++) add("import", await importDrill(i, csv, addresses));
  if (runs("ingest")) for (const t of await ingestDrills(TRIALS, expectedListings)) add("ingest", t);
  for (let i = 0; i < TRIALS && runs("digest"); i++) add("digest", await digestDrill(i, seededDir, expectedDigests));
  server.close();
  for (const [kind, t] of Object.entries(totals))
    console.log(`${kind}: ${TRIALS} kills, lost ${t.lost}, doubled ${t.doubled}`);
  const bad = Object.values(totals).some((t) => t.lost || t.doubled);
  if (!bad) rmSync(root, { recursive: true, force: true });
  process.exitCode = bad ? 1 : 0;
}

main().catch((err) => {
  console.error(err);
  process.exitCode = 1;
});
