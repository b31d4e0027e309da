/**
 * Peak memory and time of ingesting one huge source (issue 17: a 200,000-listing payload took
 * 115 s and 7.3 GB). Each measurement runs in its own process, so its peak RSS is its own:
 *   tsx bench/ingest-memory.ts [--listings 200000] [--caps 5000,200000]
 * generates a Remote OK payload of that many jobs into a temp file (not committed), then for each
 * cap ingests it twice into a fresh database (all new, then all known) and prints one JSON line.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { applyMigrations } from "../src/node/migrate";
import { runIngest } from "../src/listings/ingest";
import { benchDeps } from "./deps";
import { createNullMailer } from "../src/mail/transports/null";

const { values: args, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    listings: { type: "string" },
    caps: { type: "string" },
    payload: { type: "string" },
    db: { type: "string" },
    cap: { type: "string" },
  },
});

/** A Remote OK API answer with `n` distinct backend jobs (the first element is its legal notice). */
function payloadOf(n: number): string {
  const stacks = ["Go", "Rust", "Java", "Ruby", "PHP", "Scala"];
  const parts = ['[{"legal":"notice"}'];
  for (let i = 0; i < n; i++) {
    const stack = stacks[i % stacks.length];
    // ~90 bytes a job: 200,000 make the 17 MB, under the 20 MB response cap.
    parts.push(
      JSON.stringify({
        id: String(i),
        position: `${stack} Backend Engineer ${i}`,
        company: `C${i % 9973}`,
        url: `https://r.io/${i}`,
      }),
    );
  }
  return `${parts.join(",")}]`;
}

async function measure(payloadFile: string, dbFile: string, cap: number) {
  const deps = await benchDeps(dbFile, createNullMailer());
  await applyMigrations(deps.db);
  const body = readFileSync(payloadFile);
  const source = {
    name: "big",
    type: "remoteok" as const,
    url: "https://remoteok.example/api",
    enabled: true,
    minIntervalMinutes: 60,
    options: {},
    maxListings: cap,
  };
  const fetchPolicy = {
    userAgent: "bench",
    timeoutMs: 600_000,
    attempts: 1,
    baseDelayMs: 1,
    sleep: async () => {},
    fetch: async () => new Response(body),
  };
  const ingest = async (now: Date) => {
    const started = performance.now();
    const summary = await runIngest({ ...deps, sources: [source], fetchPolicy }, { now, force: true });
    const s = summary.sources[0]!;
    return {
      seconds: Math.round((performance.now() - started) / 100) / 10,
      status: s.status,
      fetched: s.fetched,
      new: s.new,
      capped: s.capped,
      errors: s.errors,
    };
  };
  const first = await ingest(new Date("2026-12-01T00:00:00Z"));
  const second = await ingest(new Date("2026-12-01T01:00:00Z"));
  deps.database.client.close();
  return { cap, first, second, peakRssMb: Math.round(process.resourceUsage().maxRSS / 102.4) / 10 };
}

if (positionals[0] === "child") {
  console.log(JSON.stringify(await measure(args.payload!, args.db!, Number(args.cap))));
} else {
  const n = Number(args.listings ?? 200_000);
  const dir = mkdtempSync(join(tmpdir(), "bw-ingest-bench-"));
  try {
    const payloadFile = join(dir, "payload.json");
    const payload = payloadOf(n);
    writeFileSync(payloadFile, payload);
    console.log(JSON.stringify({ listings: n, payloadMb: Math.round(payload.length / 104857.6) / 10 }));
    for (const cap of (args.caps ?? "5000,200000").split(",").map(Number)) {
      const db = join(dir, `cap-${cap}.db`);
      const out = execFileSync(
        process.execPath,
        [
          "--import",
          "tsx",
          "bench/ingest-memory.ts",
          "child",
          "--payload",
          payloadFile,
          "--db",
          db,
          "--cap",
          String(cap),
        ],
        { encoding: "utf8", maxBuffer: 1 << 24 },
      );
      console.log(out.trim().split("\n").at(-1));
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
