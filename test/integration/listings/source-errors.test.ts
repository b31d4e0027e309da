import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { listings } from "../../../db/schema";
import { runIngest } from "../../../src/listings/ingest";
import type { SourceConfig } from "../../../src/listings/sources-config";
import type { TestDeps } from "../../support/deps";
import { useIngestHarness, type SourceServer } from "../../support/ingest-harness";

const NOW = new Date("2024-12-05T12:00:00Z");
const remoteokPayload = JSON.parse(
  readFileSync("test/fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", "utf8"),
) as unknown[];
const wwrFeed = readFileSync(
  "test/fixtures/feeds/weworkremotely/louisinayinde_jobs__wwr_programming_excerpt.xml",
  "utf8",
);

let deps: TestDeps;
let server: SourceServer;
const source = (type: SourceConfig["type"], path: string): SourceConfig => ({
  name: type,
  type,
  url: `${server.url}${path}`,
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
});
const ingest = async (config: SourceConfig, hoursLater = 0) =>
  (
    await runIngest(
      { ...deps, sources: [config] },
      { now: new Date(NOW.getTime() + hoursLater * 3_600_000), force: true },
    )
  ).sources[0]!;

const harness = useIngestHarness();
beforeAll(() => void ({ deps, server } = harness));

describe("source errors name their cause and cost only what is bad", () => {
  it("a non-object item is skipped and counted; the rest of the source is stored", async () => {
    server.set("/remoteok", { body: JSON.stringify([...remoteokPayload, 42, "junk", { position: "no id" }]) });
    const result = await ingest(source("remoteok", "/remoteok"));
    expect(result).toMatchObject({ status: "ok", fetched: 14, new: 14, skipped: 3 });
    expect(result.errors).toEqual([
      "skipped item: item is not an object (number)",
      "skipped item: item is not an object (string)",
      "skipped item: job without an id",
    ]);
  });

  it("an RSS document with no parseable <item> is a failed fetch that closes nothing", async () => {
    server.set("/wwr", { body: wwrFeed, headers: { "content-type": "application/rss+xml" } });
    const first = await ingest(source("weworkremotely", "/wwr"));
    expect(first.status).toBe("ok");
    server.set("/wwr", {
      body: '<?xml version="1.0"?><rss><channel><title>WWR</title></channel></rss>',
      headers: { "content-type": "application/rss+xml" },
    });
    for (const hours of [1, 2]) {
      const empty = await ingest(source("weworkremotely", "/wwr"), hours);
      expect(empty).toMatchObject({
        status: "failed",
        closed: 0,
        errors: ["weworkremotely: RSS document has no <item>"],
      });
    }
    const open = (await deps.db.select().from(listings)).filter((l) => l.status === "open");
    expect(open).toHaveLength(first.fetched);
  });

  it("deep JSON-LD reports 'too deeply nested', not a stack overflow", async () => {
    const deep = `${"[".repeat(100_000)}${"]".repeat(100_000)}`;
    server.set("/page", {
      body: `<html><script type="application/ld+json">${deep}</script></html>`,
      headers: { "content-type": "text/html" },
    });
    const result = await ingest(source("jsonld", "/page"));
    expect(result).toMatchObject({ status: "failed", errors: ["jsonld: JSON-LD too deeply nested (over 32 levels)"] });
  });
});
