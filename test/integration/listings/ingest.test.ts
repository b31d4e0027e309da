import { readFileSync } from "node:fs";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listings, listingSources } from "../../../db/schema";
import { runIngest } from "../../../src/listings/ingest";
import type { SourceConfig } from "../../../src/listings/sources-config";
import type { TestDeps } from "../../support/deps";
import { useIngestHarness, type SourceServer } from "../../support/ingest-harness";

const remoteokPayload = JSON.parse(
  readFileSync("test/fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", "utf8"),
) as Record<string, unknown>[];
const NOW = new Date("2024-12-05T12:00:00Z");

let deps: TestDeps;
let server: SourceServer;
const remoteok = (): SourceConfig => ({
  name: "remoteok",
  type: "remoteok",
  url: `${server.url}/remoteok`,
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
});
const ingest = (sources: SourceConfig[], now = NOW, extra: { force?: boolean; only?: string } = {}) =>
  runIngest({ ...deps, sources }, { now, force: true, ...extra });
const open = async () =>
  (await deps.db.select().from(listings).where(eq(listings.status, "open"))).map((l) => l.sourceId).sort();

const harness = useIngestHarness();
beforeAll(() => void ({ deps, server } = harness));

describe("ingest", () => {
  it("stores every job of a real payload once, and a second fetch of the same payload adds nothing", async () => {
    server.set("/remoteok", { body: JSON.stringify(remoteokPayload) });
    const first = await ingest([remoteok()]);
    expect(first.sources[0]).toMatchObject({ name: "remoteok", status: "ok", fetched: 14, new: 14, closed: 0 });
    const second = await ingest([remoteok()], new Date(NOW.getTime() + 3_600_000));
    expect(second.sources[0]).toMatchObject({ status: "ok", fetched: 14, new: 0, updated: 0 });
    expect(await deps.db.select().from(listings)).toHaveLength(14);
  });

  it("closes a listing only after two successful fetches without it, and a failed fetch closes nothing", async () => {
    server.set("/remoteok", { body: JSON.stringify(remoteokPayload) });
    await ingest([remoteok()]);
    const gone = remoteokPayload[1]!.id as string;
    const without = remoteokPayload.filter((j) => j.id !== gone);

    server.set("/remoteok", { status: 503, body: "down" });
    const before = server.requests.length;
    const failed = await ingest([remoteok()], new Date(NOW.getTime() + 1 * 3_600_000));
    expect(server.requests.length - before).toBe(3); // a 503 is retried, up to the policy's attempts
    expect(failed.sources[0]).toMatchObject({ status: "failed", closed: 0 });
    expect(failed.sources[0]!.errors[0]).toContain("HTTP 503");
    server.set("/remoteok", { drop: true });
    await ingest([remoteok()], new Date(NOW.getTime() + 2 * 3_600_000));
    server.set("/remoteok", { body: "<html>maintenance</html>" });
    const malformed = await ingest([remoteok()], new Date(NOW.getTime() + 3 * 3_600_000));
    expect(malformed.sources[0]!.status).toBe("failed");
    expect(await open()).toContain(gone);

    server.set("/remoteok", { body: JSON.stringify(without) });
    const once = await ingest([remoteok()], new Date(NOW.getTime() + 4 * 3_600_000));
    expect(once.sources[0]!.closed).toBe(0);
    expect(await open()).toContain(gone);
    const twice = await ingest([remoteok()], new Date(NOW.getTime() + 5 * 3_600_000));
    expect(twice.sources[0]!.closed).toBe(1);
    expect(await open()).not.toContain(gone);
    const [closed] = await deps.db.select().from(listings).where(eq(listings.sourceId, gone));
    expect(closed).toMatchObject({ status: "closed", closedReason: "missing_from_source" });

    // It comes back: reopened, but keeps its first sighting, so it is not new.
    server.set("/remoteok", { body: JSON.stringify(remoteokPayload) });
    const back = await ingest([remoteok()], new Date(NOW.getTime() + 6 * 3_600_000));
    expect(back.sources[0]).toMatchObject({ new: 0, reopened: 1 } as never);
    const [reopened] = await deps.db.select().from(listings).where(eq(listings.sourceId, gone));
    expect(reopened!.status).toBe("open");
    expect(reopened!.firstSeenAt).toEqual(NOW);
  });

  it("merges the same job from two sources and a repost under a new id into one listing", async () => {
    const job = remoteokPayload.find((j) => j.position === "Backend Engineer")!;
    server.set("/remoteok", { body: JSON.stringify([remoteokPayload[0], job]) });
    const repost = { ...job, id: "9999999", slug: "repost", epoch: (job.epoch as number) + 86_400 };
    server.set("/mirror", { body: JSON.stringify([remoteokPayload[0], repost]) });
    await ingest([remoteok()]);
    const merged = await ingest(
      [{ ...remoteok(), name: "remoteok-mirror", url: `${server.url}/mirror` }],
      new Date(NOW.getTime() + 3_600_000),
    );
    expect(merged.sources[0]).toMatchObject({ fetched: 1, new: 0, merged: 1 });
    const rows = await deps.db.select().from(listings).where(eq(listings.title, "Backend Engineer"));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ sourceId: job.id, firstSeenAt: NOW, repostCount: 1 });
    const carriers = await deps.db.select().from(listingSources).where(eq(listingSources.listingId, rows[0]!.id));
    expect(carriers.map((c) => `${c.source}:${c.sourceId}`).sort()).toEqual([
      `remoteok-mirror:9999999`,
      `remoteok:${job.id}`,
    ]);

    // Only when every carrier has missed it twice does it close.
    server.set("/mirror", { body: JSON.stringify([]) });
    for (let h = 2; h <= 3; h++)
      await ingest(
        [{ ...remoteok(), name: "remoteok-mirror", url: `${server.url}/mirror` }],
        new Date(NOW.getTime() + h * 3_600_000),
      );
    expect((await deps.db.select().from(listings).where(eq(listings.title, "Backend Engineer")))[0]!.status).toBe(
      "open",
    );
  });

  it("uses conditional requests and respects the minimum interval unless forced", async () => {
    server.set("/remoteok", (headers) =>
      headers["if-none-match"] === '"v1"'
        ? { status: 304 }
        : { body: JSON.stringify(remoteokPayload), headers: { etag: '"v1"', "content-type": "application/json" } },
    );
    await ingest([remoteok()]);
    const again = await ingest([remoteok()], new Date(NOW.getTime() + 2 * 3_600_000));
    expect(again.sources[0]!.status).toBe("not_modified");
    expect(server.requests.at(-1)!.headers["if-none-match"]).toBe('"v1"');
    expect(server.requests.at(-1)!.headers["user-agent"]).toMatch(/^BackendWeekly\//);
    const soon = await runIngest(
      { ...deps, sources: [remoteok()] },
      { now: new Date(NOW.getTime() + 2 * 3_600_000 + 60_000) },
    );
    expect(soon.sources[0]!.status).toBe("skipped");
    expect(server.requests).toHaveLength(2);
  });

  it("keeps going when one source fails, and reports per source", async () => {
    server.set("/remoteok", { body: JSON.stringify(remoteokPayload) });
    server.set("/broken", { status: 404, body: "gone" });
    const summary = await ingest([{ ...remoteok(), name: "broken", url: `${server.url}/broken` }, remoteok()]);
    expect(summary.sources.map((s) => [s.name, s.status])).toEqual([
      ["broken", "failed"],
      ["remoteok", "ok"],
    ]);
    expect(summary.totals).toMatchObject({ failed: 1, new: 14 });
    expect(server.requests.filter((r) => r.path === "/broken")).toHaveLength(1); // a 404 is not retried
  });

  it("closes listings past their expiry or older than the maximum age", async () => {
    server.set("/remoteok", { body: JSON.stringify(remoteokPayload) });
    await ingest([remoteok()]);
    const later = new Date(NOW.getTime() + 46 * 86_400_000);
    server.set("/remoteok", { body: JSON.stringify(remoteokPayload) });
    const summary = await ingest([remoteok()], later);
    expect(summary.closedTooOld).toBe(14);
    expect(await open()).toEqual([]);
  });

  it("dates a listing posted 'in the future' at the fetch, so a source cannot rank it first for months", async () => {
    const future = { ...remoteokPayload[1]!, epoch: String(NOW.getTime() / 1000 + 200 * 86_400), date: "2025-06-23" };
    server.set("/remoteok", { body: JSON.stringify([remoteokPayload[0], future]) });
    await ingest([remoteok()]);
    const [row] = await deps.db.select().from(listings);
    expect(row!.postedAt).toEqual(NOW);
  });

  it("drops a salary no employer pays instead of showing and matching it", async () => {
    const absurd = { ...remoteokPayload[1]!, salary_min: 10 ** 15, salary_max: 10 ** 16 };
    const fair = { ...remoteokPayload[2]!, salary_min: 120_000, salary_max: 150_000 };
    server.set("/remoteok", { body: JSON.stringify([remoteokPayload[0], absurd, fair]) });
    await ingest([remoteok()]);
    const rows = await deps.db.select().from(listings);
    const bySourceId = new Map(rows.map((r) => [r.sourceId, r.salary]));
    expect(bySourceId.get(String(remoteokPayload[1]!["id"]))).toBeNull();
    expect(bySourceId.get(String(remoteokPayload[2]!["id"]))).toMatchObject({ currency: "USD", period: "year" }); // as its text states
  });
});
