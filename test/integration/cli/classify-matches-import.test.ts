import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { runCliOn } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";

/**
 * `classify` prints what `import` stores (README, Command line). An outside check found a posted
 * date later than the fetch printed as the source gave it (also past `--now X`), while import and
 * ingest store the fetch's time; the same held for a salary no employer pays, which is not stored.
 */
const NOW = "2024-12-05T00:00:00.000Z";
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
});
afterAll(() => deps.close());

const cli = (args: string[]) => runCliOn(deps, args);
const lines = (stdout: string) =>
  stdout
    .trim()
    .split("\n")
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** A Remote OK payload: its legal notice, one item with a salary of 10^15, one posted 200 days after NOW. */
function payload(): { file: string; pastDate: string } {
  const [legal, first, second] = JSON.parse(
    readFileSync("test/fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", "utf8"),
  ) as Record<string, unknown>[];
  const later = new Date(Date.parse(NOW) + 200 * 86_400_000);
  const absurd = { ...first, salary_min: 10 ** 15, salary_max: 10 ** 16 };
  const future = { ...second, epoch: later.getTime() / 1000, date: later.toISOString() };
  const file = join(deps.dir, "remoteok-claims.json");
  writeFileSync(file, JSON.stringify([legal, absurd, future]));
  return { file, pastDate: new Date(first!.date as string).toISOString() };
}

describe("classify --now prints exactly what import --now stores", () => {
  it("a date after --now prints as --now and an absurd salary as null, as listings --json shows them", async () => {
    const { file, pastDate } = payload();
    const classified = await cli(["classify", file, "--type", "remoteok", "--now", NOW]);
    expect(classified.code, classified.stderr).toBe(0);
    const printed = lines(classified.stdout);
    expect(printed.map((l) => l.postedAt)).toEqual([pastDate, NOW]); // a date before --now stays
    expect(printed[0]!.salary).toBeNull();

    const imported = await cli(["import", file, "--type", "remoteok", "--now", NOW]);
    expect(imported.code, imported.stderr).toBe(0);
    const listed = lines((await cli(["listings", "--json"])).stdout);
    // The listing's id names the source it was stored under (import-…); everything else is the same.
    const withoutId = ({ id: _id, ...rest }: Record<string, unknown>) => rest;
    const bySourceId = new Map(listed.map((l) => [l.sourceId, withoutId(l)]));
    for (const listing of printed) expect(bySourceId.get(listing.sourceId)).toEqual(withoutId(listing));
  }, 120_000);
});

describe("classify prints the status import stores", () => {
  it("closed for a posting past its validThrough or older than the maximum age, open otherwise", async () => {
    const posting = (id: string, datePosted: string, validThrough?: string) =>
      `<script type="application/ld+json">${JSON.stringify({
        "@context": "https://schema.org",
        "@type": "JobPosting",
        title: `Senior Backend Engineer ${id}`,
        hiringOrganization: { "@type": "Organization", name: "Acme" },
        description: "<p>Python APIs</p>",
        datePosted,
        ...(validThrough ? { validThrough } : {}),
        jobLocationType: "TELECOMMUTE",
        url: `https://acme.example/jobs/${id}`,
      })}</script>`;
    const file = join(deps.dir, "jsonld-status.html");
    writeFileSync(
      file,
      `<html><head>${posting("expired", "2024-12-01", "2024-12-04")}${posting("old", "2024-09-01")}${posting("open", "2024-12-01", "2025-01-31")}</head></html>`,
    );
    const classified = await cli(["classify", file, "--type", "jsonld", "--now", NOW]);
    expect(classified.code, classified.stderr).toBe(0);
    const printed = lines(classified.stdout);
    expect(printed.map((l) => [l.sourceId, l.status])).toEqual([
      ["https://acme.example/jobs/expired", "closed"],
      ["https://acme.example/jobs/old", "closed"],
      ["https://acme.example/jobs/open", "open"],
    ]);
    expect((await cli(["import", file, "--type", "jsonld", "--now", NOW])).code).toBe(0);
    const stored = lines((await cli(["listings", "--json"])).stdout).filter((l) => l.source === "jsonld");
    for (const listing of printed)
      expect(stored.find((l) => l.sourceId === listing.sourceId)?.status).toBe(listing.status);
  }, 120_000);
});

describe("classify and listings print a posted date for every listing", () => {
  it("the first sighting when the source gives none or one that is not a date", async () => {
    const job = (id: number, updated_at: unknown) => ({
      id,
      title: `Senior Backend Engineer ${id}`,
      absolute_url: `https://boards.example/jobs/${id}`,
      location: { name: "Remote" },
      content: "&lt;p&gt;Python APIs&lt;/p&gt;",
      updated_at,
    });
    const file = join(deps.dir, "greenhouse-dates.json");
    writeFileSync(file, JSON.stringify({ jobs: [job(901, "not a date"), job(902, null)] }));
    const classified = await cli(["classify", file, "--type", "greenhouse", "--company", "Acme", "--now", NOW]);
    expect(classified.code, classified.stderr).toBe(0);
    expect(lines(classified.stdout).map((l) => l.postedAt)).toEqual([NOW, NOW]);
    expect((await cli(["import", file, "--type", "greenhouse", "--company", "Acme", "--now", NOW])).code).toBe(0);
    const stored = lines((await cli(["listings", "--json"])).stdout).filter((l) => String(l.sourceId).startsWith("90"));
    expect(stored.map((l) => l.postedAt)).toEqual([NOW, NOW]);
  }, 120_000);
});
