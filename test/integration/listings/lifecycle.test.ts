import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../../db/client";
import { listings, sourceClaims } from "../../../db/schema";
import { runIngest } from "../../../src/listings/ingest";
import type { SourceConfig } from "../../../src/listings/sources-config";
import { MAX_STORED_DESCRIPTION_CHARS, storeFetchedListings } from "../../../src/listings/store";
import type { TestDeps } from "../../support/deps";
import { listingCandidate } from "../../support/listing-factory";
import { useIngestHarness, type SourceServer } from "../../support/ingest-harness";

const payload = JSON.parse(
  readFileSync("test/fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", "utf8"),
) as Record<string, unknown>[];
const jobs = payload.filter((j) => j.id); // element 0 is Remote OK's legal notice
const NOW = new Date("2024-12-05T12:00:00Z");
const hours = (h: number) => new Date(NOW.getTime() + h * 3_600_000);

let deps: TestDeps;
let server: SourceServer;
const source = (extra: Partial<SourceConfig> = {}): SourceConfig => ({
  name: "remoteok",
  type: "remoteok",
  url: `${server.url}/remoteok`,
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
  ...extra,
});
const serve = (items: Record<string, unknown>[]) =>
  server.set("/remoteok", { body: JSON.stringify([payload[0], ...items]) });
/** A scheduled ingest (not forced: the interval applies). */
const ingest = (now: Date, extra: Partial<SourceConfig> = {}) =>
  runIngest({ ...deps, sources: [source(extra)] }, { now });
const openCount = async () => (await deps.db.select().from(listings).where(eq(listings.status, "open"))).length;

const harness = useIngestHarness();
beforeAll(() => void ({ deps, server } = harness));

describe("a clock that ran ahead", () => {
  it("an ingest with --now a month ahead leaves later real-time ingests due, not skipped", async () => {
    serve(jobs);
    expect((await ingest(hours(30 * 24))).sources[0]!.status).toBe("ok");
    const real = await ingest(NOW);
    expect(real.sources[0]).toMatchObject({ status: "ok", fetched: jobs.length });
    // The real attempt is what counts from then on: an hour later it is due again, not before.
    expect((await ingest(hours(0.5))).sources[0]!.status).toBe("skipped");
    expect((await ingest(hours(1))).sources[0]!.status).toBe("ok");
  });
});

describe("one ingest per source", () => {
  it("a source another run holds is busy; a claim left by a killed run lapses and is taken over", async () => {
    serve(jobs);
    await deps.db
      .insert(sourceClaims)
      .values({ source: "remoteok", claimedBy: "other-run", expiresAt: Date.now() + 60_000 });
    const busy = await runIngest({ ...deps, sources: [source()] }, { now: NOW, force: true });
    expect(busy.sources[0]).toMatchObject({ status: "busy", fetched: 0 });
    expect(busy.totals).toMatchObject({ busy: 1, failed: 0 });
    expect(await openCount()).toBe(0);
    await deps.db.update(sourceClaims).set({ expiresAt: Date.now() - 1 });
    expect((await runIngest({ ...deps, sources: [source()] }, { now: NOW, force: true })).sources[0]).toMatchObject({
      status: "ok",
      new: jobs.length,
    });
    expect(await deps.db.select().from(sourceClaims)).toEqual([]); // released when done
  });
});

describe("closing only on evidence", () => {
  it("an empty answer twice closes nothing and is reported as suspicious", async () => {
    serve(jobs);
    await ingest(NOW);
    server.set("/remoteok", { body: JSON.stringify([payload[0]]) });
    for (const h of [1, 2, 3]) {
      const empty = await ingest(hours(h));
      expect(empty.sources[0]).toMatchObject({ status: "suspicious", fetched: 0, closed: 0 });
      expect(empty.sources[0]!.warnings[0]).toMatch(/returned nothing, under half of the 14/);
      expect(empty.totals.suspicious).toBe(1);
    }
    expect(await openCount()).toBe(jobs.length);
    expect(
      deps.log.lines.filter((l) => l.includes('"level":"warn"') && l.includes("ingest.source_suspicious")),
    ).toHaveLength(3);
  });

  it("far fewer than last time (under half) closes nothing; a gentler drop closes as before", async () => {
    serve(jobs);
    await ingest(NOW);
    serve(jobs.slice(0, 6)); // 6 of 14
    for (const h of [1, 2])
      expect((await ingest(hours(h))).sources[0]).toMatchObject({ status: "suspicious", fetched: 6, closed: 0 });
    expect(await openCount()).toBe(jobs.length);
    serve(jobs.slice(0, 8)); // 8 of 14: believed, and two such fetches close the 6 missing
    expect((await ingest(hours(3))).sources[0]).toMatchObject({ status: "ok", closed: 0 });
    expect((await ingest(hours(4))).sources[0]).toMatchObject({ status: "ok", closed: 6 });
  });

  it("a shrink that lasts a day is believed: the source really emptied", async () => {
    serve(jobs);
    await ingest(NOW);
    server.set("/remoteok", { body: JSON.stringify([payload[0]]) });
    expect((await ingest(hours(1))).sources[0]!.status).toBe("suspicious");
    expect((await ingest(hours(12))).sources[0]!.status).toBe("suspicious");
    expect((await ingest(hours(25))).sources[0]).toMatchObject({ status: "ok", closed: 0 });
    expect((await ingest(hours(26))).sources[0]).toMatchObject({ status: "ok", closed: jobs.length });
  });

  it("an unparseable document is a failed fetch and closes nothing", async () => {
    serve(jobs);
    await ingest(NOW);
    server.set("/remoteok", { body: "<html>maintenance</html>" });
    for (const h of [1, 2]) expect((await ingest(hours(h))).sources[0]).toMatchObject({ status: "failed", closed: 0 });
    expect(await openCount()).toBe(jobs.length);
  });
});

describe("memory bounded by batch", () => {
  it("a source's listing cap keeps its first items and closes nothing", async () => {
    serve(jobs);
    await ingest(NOW);
    const capped = await ingest(hours(1), { maxListings: 3 });
    expect(capped.sources[0]).toMatchObject({ status: "ok", fetched: 3, capped: jobs.length - 3, closed: 0 });
    expect((await ingest(hours(2), { maxListings: 3 })).sources[0]!.closed).toBe(0);
    expect(await openCount()).toBe(jobs.length);
  });

  it("stores in transactions of at most 500 listings, no statement binding more than 100 parameters", async () => {
    const batches: { statements: number; maxParams: number }[] = [];
    const watched = new Proxy(deps.db, {
      get(target, key, receiver) {
        if (key !== "batch") return Reflect.get(target, key, receiver);
        return (items: ({ toSQL(): { params: unknown[] } } | { getQuery(): { params: unknown[] } })[]) => {
          const params = items.map((i) => ("toSQL" in i ? i.toSQL() : i.getQuery()).params.length);
          batches.push({ statements: items.length, maxParams: Math.max(...params) });
          return target.batch(items as never);
        };
      },
    }) as Db;
    const candidates = Array.from({ length: 1_234 }, (_, i) =>
      listingCandidate({ sourceId: `s-${i}`, title: `Backend Engineer ${i}` }),
    );
    const summary = await storeFetchedListings(watched, { sourceName: "big", candidates, now: NOW, complete: true });
    expect(summary).toMatchObject({ fetched: 1_234, new: 1_234 });
    // 500 listings per transaction: the new listings, then their source rows, a statement each.
    expect(batches.map((b) => b.statements)).toEqual([2, 2, 2]);
    // A second pass finds every one of them across batches: nothing new, nothing doubled.
    expect(
      await storeFetchedListings(watched, { sourceName: "big", candidates, now: hours(1), complete: true }),
    ).toMatchObject({ new: 0, closed: 0 });
    expect(batches).toHaveLength(6);
    expect(Math.max(...batches.map((b) => b.maxParams))).toBeLessThanOrEqual(100);
    expect(await deps.db.$count(listings)).toBe(1_234);
  });

  it("stores at most 100,000 characters of a description", async () => {
    const description = "Go services. ".repeat(40_000); // 520,000 characters
    await storeFetchedListings(deps.db, {
      sourceName: "long",
      candidates: [listingCandidate({ description })],
      now: NOW,
      complete: false,
    });
    const [row] = await deps.db.select().from(listings);
    expect(row!.description).toHaveLength(MAX_STORED_DESCRIPTION_CHARS);
  });
});
