/**
 * npm run bench:ingest [-- --jobs N --json]
 *
 * Ingestion throughput on a large payload: a Remote OK answer of N jobs (default 5,000, made of
 * the recorded fixture's jobs with fresh ids), served gzipped from a local source server.
 *   fetch     fetchSource: streamed, size-limited after decompression, redirects checked
 *   parse     the adapter's parsePayload (caps, per-item errors)
 *   classify  toCandidates (every classifier on every listing)
 *   ingest    runIngest end to end into a temp libSQL file (fetch, parse, classify, store)
 * and the parse time of hostile payloads (1 MB fields of markup a poster can type), which must
 * stay in proportion to their size. Figures go in bench/RESULTS.md.
 */
import { readFileSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { gzipSync } from "node:zlib";
import { applyMigrations } from "../src/node/migrate";
import { toCandidates } from "../src/listings/candidates";
import { fetchSource, type FetchPolicy } from "../src/listings/fetch-source";
import { runIngest } from "../src/listings/ingest";
import { SOURCE_ADAPTERS } from "../src/listings/sources/index";
import { benchDeps } from "./deps";

const { values: args } = parseArgs({
  options: { jobs: { type: "string", default: "5000" }, json: { type: "boolean", default: false } },
});
const JOBS = Number(args.jobs);
const NOW = new Date("2024-12-05T12:00:00Z");

const fixture = JSON.parse(
  readFileSync("test/fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", "utf8"),
) as Record<string, unknown>[];
const jobs = fixture.filter((item) => "id" in item);
const payload = JSON.stringify([
  fixture[0],
  ...Array.from({ length: JOBS }, (_, i) => ({
    ...jobs[i % jobs.length],
    id: String(1_000_000 + i),
    slug: `job-${i}`,
  })),
]);
const gzipped = gzipSync(payload);
const mb = Buffer.byteLength(payload) / 1024 / 1024;

const server = createServer((_req, res) => {
  res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
  res.end(gzipped);
});
// Classifying takes longer than Node's 5 s keep-alive: the end-to-end fetch must not reuse a closed socket.
server.keepAliveTimeout = 600_000;
await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
const policy: FetchPolicy = {
  userAgent: "BackendWeekly/bench",
  timeoutMs: 120_000,
  attempts: 1,
  baseDelayMs: 0,
  sleep: async () => {},
  fetch: (input, init) => fetch(input, init),
  allowPrivate: true,
  maxBodyBytes: 200 * 1024 * 1024,
};

async function timed<T>(run: () => Promise<T> | T): Promise<{ ms: number; value: T }> {
  const start = performance.now();
  const value = await run();
  return { ms: performance.now() - start, value };
}

const fetched = await timed(() => fetchSource(url, { etag: null, lastModified: null }, policy));
const body = fetched.value.status === "ok" ? fetched.value.body : "";
const ctx = { sourceName: "bench" };
const parsed = await timed(() => SOURCE_ADAPTERS.remoteok.parsePayload(body, ctx));
const classified = await timed(() =>
  toCandidates(parsed.value.listings, { type: "remoteok", employerType: null, now: NOW }),
);

const dir = mkdtempSync(join(tmpdir(), "bw-bench-ingest-"));
const deps = await benchDeps(join(dir, "bench.db"), null as never);
await applyMigrations(deps.db);
const source = { name: "remoteok", type: "remoteok" as const, url, enabled: true, minIntervalMinutes: 60, options: {} };
const ingested = await timed(() =>
  runIngest({ ...deps, sources: [source], fetchPolicy: policy }, { now: NOW, force: true }),
);
const peakRssMb = process.resourceUsage().maxRSS / 1024;
deps.database.client.close();
rmSync(dir, { recursive: true, force: true });
server.close();

// Hostile payloads: 20 jobs whose every text field is 1 MB (then 256 KB) of markup.
const hostile = (unit: string, size: number) => {
  const text = unit.repeat(Math.ceil(size / unit.length));
  return JSON.stringify(
    Array.from({ length: 20 }, (_, i) => ({
      id: String(i),
      position: text,
      company: text,
      location: text,
      description: text,
      url: `https://x.dev/${i}`,
    })),
  );
};
const hostileParse: Record<string, { ms256k: number; ms1m: number }> = {};
for (const unit of ["<li ", "<span>", "</b>", "a-", "(YC | ", "<p>a"]) {
  const small = await timed(() => SOURCE_ADAPTERS.remoteok.parsePayload(hostile(unit, 256 * 1024), ctx));
  const large = await timed(() => SOURCE_ADAPTERS.remoteok.parsePayload(hostile(unit, 1024 * 1024), ctx));
  hostileParse[JSON.stringify(unit)] = { ms256k: Math.round(small.ms), ms1m: Math.round(large.ms) };
}

const perSec = (n: number, ms: number) => Math.round((n / ms) * 1000);
const figures = {
  jobs: JOBS,
  payloadMb: Number(mb.toFixed(1)),
  gzipKb: Math.round(gzipped.length / 1024),
  fetchMs: Math.round(fetched.ms),
  parseMs: Math.round(parsed.ms),
  parseListingsPerSec: perSec(parsed.value.listings.length, parsed.ms),
  classifyMs: Math.round(classified.ms),
  classifyListingsPerSec: perSec(classified.value.candidates.length, classified.ms),
  ingestMs: Math.round(ingested.ms),
  ingestListingsPerSec: perSec(JOBS, ingested.ms),
  ingestMbPerSec: Number(((mb / ingested.ms) * 1000).toFixed(2)),
  ingestStatus: ingested.value.sources[0]?.status,
  ingestErrors: ingested.value.sources[0]?.errors.slice(0, 2),
  peakRssMb: Math.round(peakRssMb),
  hostileParse,
};
if (args.json) console.log(JSON.stringify(figures));
else console.log(figures);
