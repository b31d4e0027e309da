import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listings } from "../../../db/schema";
import { runIngest } from "../../../src/listings/ingest";
import type { SourceConfig } from "../../../src/listings/sources-config";
import type { TestDeps } from "../../support/deps";
import { useIngestHarness, type SourceServer } from "../../support/ingest-harness";

/** Defects the sixth acceptance run found by pointing sources at a hostile server on loopback. */
const NOW = new Date("2026-09-10T08:00:00Z");
const LEGAL = { legal: "API terms: link back to Remote OK" };
const job = (id: string, fields: Record<string, unknown> = {}) => ({
  id,
  position: "Backend Engineer",
  company: "Acme",
  url: `https://acme.dev/jobs/${id}`,
  description: "<p>Go APIs and Postgres.</p>",
  ...fields,
});

let deps: TestDeps;
let server: SourceServer;
const harness = useIngestHarness();
beforeAll(() => void ({ deps, server } = harness));

const source = (path: string): SourceConfig => ({
  name: "board",
  type: "remoteok",
  url: `${server.url}${path}`,
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
});
const ingest = async (path: string) =>
  (await runIngest({ ...deps, sources: [source(path)] }, { now: NOW, force: true })).sources[0]!;

describe("two items of one feed under the same id", () => {
  it("keep the first, skip the second with its reason, and never overwrite the first", async () => {
    const feed = [
      LEGAL,
      job("7", { position: "Senior Go Backend Engineer" }),
      job("8", { position: "Python Backend Engineer" }),
      job("7", { position: "Crypto Giveaway Ambassador", url: "https://scam.example/win" }),
    ];
    server.set("/dup", { body: JSON.stringify(feed) });
    const summary = await ingest("/dup");
    expect(summary).toMatchObject({ status: "ok", fetched: 2, new: 2, updated: 0, skipped: 1 });
    expect(summary.errors).toEqual(["skipped item: duplicate id (7): the first item with it kept"]);
    const [stored] = await deps.db.select().from(listings).where(eq(listings.id, "board:7"));
    expect(stored).toMatchObject({ title: "Senior Go Backend Engineer", url: "https://acme.dev/jobs/7" });
  });

  it("name the id without the terminal sequences or bidi controls a source put in it", async () => {
    const id = "\u001b[31m\u202e42";
    server.set("/dup-hostile-id", {
      body: JSON.stringify([LEGAL, job(id, { url: "https://acme.dev/jobs/42" }), job(id)]),
    });
    const summary = await ingest("/dup-hostile-id");
    expect(summary.errors).toEqual(["skipped item: duplicate id (42): the first item with it kept"]);
  });
});

describe("an item that is an array", () => {
  it("is skipped as an array, not as 'not an object (object)'", async () => {
    server.set("/nested", { body: JSON.stringify([LEGAL, job("1"), [job("2")]]) });
    const summary = await ingest("/nested");
    expect(summary).toMatchObject({ status: "ok", new: 1, skipped: 1 });
    expect(summary.errors).toEqual(["skipped item: item is not an object (array)"]);
  });
});

describe("an id longer than any real one", () => {
  it("is skipped, so no digest's ledger row carries it", async () => {
    server.set("/long-id", { body: JSON.stringify([LEGAL, job("1"), job("9".repeat(60_000))]) });
    const summary = await ingest("/long-id");
    expect(summary).toMatchObject({ status: "ok", new: 1, skipped: 1 });
    expect(summary.errors).toEqual(["skipped item: id longer than 2048 characters"]);
    expect((await deps.db.select().from(listings)).map((l) => l.id)).toEqual(["board:1"]);
  });
});

describe("a board that answers 200 with a page instead of its JSON", () => {
  it.each([
    [
      "<!doctype html><html><body><h1>Just a moment…</h1></body></html>",
      "payload is not JSON but HTML or XML (64 characters)",
    ],
    ["  \n", "payload is not JSON: it is empty (3 characters)"],
  ])("%j fails the source saying what came", async (body, reason) => {
    server.set("/page", { body, headers: { "content-type": "text/html" } });
    const summary = await ingest("/page");
    expect(summary).toMatchObject({ status: "failed", errors: [`remoteok: ${reason}`] });
  });
});

describe("a board that refuses the validators it sent", () => {
  it("is fetched plainly after the refusal, so the source recovers at the next run", async () => {
    const etag = `"${"e".repeat(10_000)}"`;
    server.set("/etag", (headers) =>
      headers["if-none-match"] ? { status: 431 } : { body: JSON.stringify([LEGAL, job("1")]), headers: { etag } },
    );
    const statuses = [];
    for (let run = 0; run < 3; run++) statuses.push((await ingest("/etag")).status);
    expect(statuses).toEqual(["ok", "failed", "ok"]);
  });
});

describe("a board whose Last-Modified is in the future", () => {
  it("is not asked 'modified since' that date, which would hide every change until then", async () => {
    let feed = [LEGAL, job("future-1")];
    // A board with a clock years ahead, which answers 304 to any date not before its own.
    server.set("/future", (headers) =>
      headers["if-modified-since"]
        ? { status: 304 }
        : { body: JSON.stringify(feed), headers: { "last-modified": "Fri, 01 Jan 2100 00:00:00 GMT" } },
    );
    await ingest("/future");
    feed = [LEGAL, job("future-1"), job("future-2", { position: "Data Platform Engineer", company: "Initech" })];
    const second = await ingest("/future");
    expect(second).toMatchObject({ status: "ok", new: 1 });
    const [stored] = await deps.db.select().from(listings).where(eq(listings.id, "board:future-2"));
    expect(stored?.title).toBe("Data Platform Engineer");
  });
});
