import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { brotliCompressSync } from "node:zlib";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { listings } from "../../../db/schema";
import { classifyCommand, importCommand } from "../../../src/cli/listing-commands";
import type { Command } from "../../../src/cli/command";
import { runIngest } from "../../../src/listings/ingest";
import type { SourceConfig } from "../../../src/listings/sources-config";
import type { TestDeps } from "../../support/deps";
import { useIngestHarness, type SourceServer } from "../../support/ingest-harness";

/** Defects an acceptance run found in listing intake, each through the CLI or a local source server. */
const NOW = new Date("2026-09-10T08:00:00Z");
const LEGAL = { legal: "API terms: link back to Remote OK" };
let n = 0;
const job = (fields: Record<string, unknown> = {}) => ({
  id: String(++n),
  position: "Backend Engineer",
  company: "Acme",
  url: `https://acme.dev/jobs/${n}`,
  description: "<p>Go APIs and Postgres.</p>",
  ...fields,
});

let deps: TestDeps;
let server: SourceServer;
const harness = useIngestHarness();
beforeAll(() => void ({ deps, server } = harness));
const dir = mkdtempSync(join(tmpdir(), "bw-intake-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function runCommand(command: Command, payload: unknown[], flags: Record<string, string | boolean>) {
  const file = join(dir, `payload-${++n}.json`);
  writeFileSync(file, JSON.stringify(payload));
  const lines: string[] = [];
  await command.run({ deps: deps as never, args: [file], flags, out: (l) => lines.push(l), progress: () => {} });
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}
const classify = (payload: unknown[]) => runCommand(classifyCommand, payload, { type: "remoteok" });

const source = (path: string): SourceConfig => ({
  name: "board",
  type: "remoteok",
  url: `${server.url}${path}`,
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
});
const ingest = async (path: string, policy: Partial<TestDeps["fetchPolicy"]> = {}) =>
  (
    await runIngest(
      { ...deps, sources: [source(path)], fetchPolicy: { ...deps.fetchPolicy, ...policy } },
      { now: NOW, force: true },
    )
  ).sources[0]!;

describe("plain-text titles and companies are decoded once, and only real tags are removed", () => {
  it.each([
    ["Backend Engineer <Go> Remote", "Backend Engineer <Go> Remote"],
    ["Backend Engineer &lt;Go&gt;", "Backend Engineer <Go>"],
    ["Tom & Jerry <Backend> Engineer", "Tom & Jerry <Backend> Engineer"],
    ["R&amp;D Engineer &amp;lt;b&amp;gt;", "R&D Engineer &lt;b&gt;"],
    ['"><svg onload=alert(1)> Go Backend Engineer', '"> Go Backend Engineer'],
    ["<b>Senior</b> Backend Engineer", "Senior Backend Engineer"],
    ["Backend <script>alert(1)</script>Engineer", "Backend Engineer"],
    ["&lt;i&gt;Staff&lt;/i&gt; Go Engineer", "Staff Go Engineer"],
    ["Go <img src=x onerror=alert(1)>Engineer", "Go Engineer"],
  ])("title %j reads %j", async (position, title) => {
    const [printed] = await classify([LEGAL, job({ position })]);
    expect(printed!.title).toBe(title);
  });

  it("a company with angle brackets and an ampersand keeps both", async () => {
    const [printed] = await classify([LEGAL, job({ company: "Lt Co <Inc> & Sons" })]);
    expect(printed!.company).toBe("Lt Co <Inc> & Sons");
  });

  it("an RSS title escaped for HTML inside XML is decoded once, its tags dropped", async () => {
    const feed = `<?xml version="1.0"?><rss><channel><item><title>Acme &amp;amp; Co: &lt;b&gt;Go&lt;/b&gt; Dev &amp;lt;API&amp;gt;</title>
      <link>https://wwr.example/1</link><description>Go</description></item></channel></rss>`;
    const file = join(dir, "feed.xml");
    writeFileSync(file, feed);
    const lines: string[] = [];
    await classifyCommand.run({
      deps: deps as never,
      args: [file],
      flags: { type: "weworkremotely" },
      out: (l) => lines.push(l),
      progress: () => {},
    });
    expect(JSON.parse(lines[0]!)).toMatchObject({ company: "Acme & Co", title: "Go Dev <API>" });
  });
});

describe("import says why items were skipped or rejected, as ingest does", () => {
  const mixed = () => [
    LEGAL,
    job(),
    42,
    "str",
    null,
    {},
    job({ url: "javascript:alert(1)" }),
    job({ url: "" }),
    job({ position: "" }),
    job({ company: "" }),
  ];

  it("import --json reports skipped items and rejected listings with their reasons", async () => {
    const [summary] = await runCommand(importCommand, mixed(), { type: "remoteok", json: true });
    expect(summary).toMatchObject({ new: 1, skipped: 4, rejected: 8 });
    expect(summary!.errors).toEqual([
      "skipped item: item is not an object (number)",
      "skipped item: item is not an object (string)",
      "skipped item: item is not an object (null)",
      "skipped item: job without an id",
      "rejected item: unsafe apply URL (javascript:)",
      "rejected item: no apply URL",
      "rejected item: no title",
      "rejected item: no company",
    ]);
  });

  it("ingest gives rejected listings the same reasons, and stores no listing without a company", async () => {
    server.set("/mixed", { body: JSON.stringify(mixed()) });
    const result = await ingest("/mixed");
    expect(result).toMatchObject({ status: "ok", new: 1, skipped: 4, rejected: 4 });
    expect(result.errors.slice(4)).toEqual([
      "rejected item: unsafe apply URL (javascript:)",
      "rejected item: no apply URL",
      "rejected item: no title",
      "rejected item: no company",
    ]);
    const stored = await deps.db.select().from(listings);
    expect(stored.map((l) => l.company)).toEqual(["Acme"]);
  });
});

describe("what a source sends that no retry or reader can fix", () => {
  it("bytes that are not UTF-8 leave no replacement characters in titles or companies", async () => {
    const body = Buffer.concat([
      Buffer.from('[{"legal":"x"},{"id":"1","url":"https://acme.dev/1","position":"Backend '),
      Buffer.from([0xff, 0xfe]),
      Buffer.from('Engineer","company":"Ac'),
      Buffer.from([0xc3]),
      Buffer.from('me"}]'),
    ]);
    server.set("/bytes", { stream: (res) => res.writeHead(200, { "content-type": "application/json" }).end(body) });
    const result = await ingest("/bytes");
    expect(result).toMatchObject({ status: "ok", new: 1 });
    const [stored] = await deps.db.select().from(listings);
    expect({ title: stored!.title, company: stored!.company }).toEqual({ title: "Backend Engineer", company: "Acme" });
  });

  it("a body in the charset its Content-Type declares is read in that charset", async () => {
    const body = Buffer.from(
      '[{"legal":"x"},{"id":"1","url":"https://acme.dev/1","position":"Développeur Go","company":"Café"}]',
      "latin1",
    );
    const headers = { "content-type": "application/json; charset=ISO-8859-1" };
    server.set("/latin1", { stream: (res) => res.writeHead(200, headers).end(body) });
    const result = await ingest("/latin1");
    expect(result).toMatchObject({ status: "ok", new: 1 });
    const [stored] = await deps.db.select().from(listings);
    expect({ title: stored!.title, company: stored!.company }).toEqual({ title: "Développeur Go", company: "Café" });
  });

  it("a body over the size limit (a Brotli bomb) is requested once, not retried", async () => {
    const bomb = brotliCompressSync(Buffer.alloc(8 * 1024 * 1024, 0x20));
    server.set("/bomb", {
      stream: (res) => res.writeHead(200, { "content-type": "application/json", "content-encoding": "br" }).end(bomb),
    });
    const result = await ingest("/bomb", { attempts: 3, maxBodyBytes: 1024 * 1024 });
    expect(result.errors).toEqual(["response too large (over 1048576 bytes)"]);
    expect(server.requests.filter((r) => r.path === "/bomb")).toHaveLength(1);
  });
});
