import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { listings, preferences, subscribers } from "../../../db/schema";
import { listingsCommand } from "../../../src/cli/listing-commands";
import { subscribersExportCommand } from "../../../src/cli/subscribers-export";
import { subscribersImportCommand } from "../../../src/cli/subscribers-import";
import { mentions, toCandidate } from "../../../src/digest/candidate";
import { runIngest } from "../../../src/listings/ingest";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession } from "../../support/forms";
import { givenListing } from "../../support/listing-factory";
import { startSourceServer } from "../../support/source-server";

const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
beforeAll(() => {
  deps = harness.deps;
});

async function cli(command: typeof listingsCommand, args: string[], flags: Record<string, string | boolean> = {}) {
  const lines: string[] = [];
  await command.run({ deps, args, flags, out: (l) => lines.push(l), progress: () => {} });
  return lines;
}

describe("the unknown-employer preference", () => {
  it("is chosen on the form, stored, restated, and defaults to including them", async () => {
    // The form offers employer types only once some listing states one (issue 18.3).
    await givenListing(deps.db, { employerType: "startup" }, deps.clock.now());
    const session = new FormSession(harness.app);
    const form = await (await session.get("/")).text();
    expect(form).toMatch(/Listings that don(&#39;|&#x27;|')t state an employer type/);
    await session.post("/subscribe", {
      email: "picky@example.com",
      employerTypes: ["startup"],
      includeUnknownEmployer: "no",
    });
    await session.post("/subscribe", { email: "easy@example.com", employerTypes: ["startup"] });

    const stored = await deps.db
      .select()
      .from(subscribers)
      .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id));
    const byEmail = new Map(stored.map((r) => [r.subscribers.email, r.preferences.includeUnknownEmployer]));
    expect(byEmail).toEqual(
      new Map([
        ["picky@example.com", false],
        ["easy@example.com", true],
      ]),
    );
    const confirmation = deps.fake.accepted.find((m) => m.to[0] === "picky@example.com")!;
    expect(confirmation.text).toContain("employer type must be stated");
  });

  it("travels through the subscriber CSV: exported as a column, imported with it or without it", async () => {
    const file = join(deps.dir, "subs.csv");
    writeFileSync(
      file,
      "email,employerTypes,includeUnknownEmployer\nno@example.com,agency,no\nblank@example.com,agency,\n",
    );
    await cli(subscribersImportCommand, [file], { confirmed: true });
    writeFileSync(file, "email,employerTypes\nold@example.com,agency\n");
    await cli(subscribersImportCommand, [file], { confirmed: true });

    const out = join(deps.dir, "export.csv");
    await cli(subscribersExportCommand, [], { out });
    const [header, ...rows] = readFileSync(out, "utf8").trim().split(/\r?\n/);
    const column = header!.split(",").indexOf("includeUnknownEmployer");
    expect(column).toBeGreaterThan(0);
    const value = (email: string) => rows.find((r) => r.startsWith(email))!.split(",")[column];
    expect([value("no@example.com"), value("blank@example.com"), value("old@example.com")]).toEqual([
      "no",
      "yes",
      "yes",
    ]);
  });
});

describe("what keyword filters search, as stored", () => {
  it("a board's tags are stored with the listing and found by keyword", async () => {
    const server = await startSourceServer();
    try {
      server.set("/remoteok", {
        body: readFileSync("test/fixtures/feeds/remoteok/remoteok_api_2024-12-04_excerpt.json", "utf8"),
      });
      const source = {
        name: "remoteok",
        type: "remoteok" as const,
        url: `${server.url}/remoteok`,
        enabled: true,
        minIntervalMinutes: 60,
        options: {},
      };
      await runIngest({ ...deps, sources: [source] }, { now: new Date("2024-12-05T12:00:00Z"), force: true });
    } finally {
      await server.close();
    }
    const [row] = await deps.db.select().from(listings).where(eq(listings.sourceId, "1059236"));
    expect(row!.tags).toEqual(expect.arrayContaining(["consulting", "digital nomad"]));
    expect(`${row!.title} ${row!.description}`.toLowerCase()).not.toContain("digital nomad"); // only the tag says it
    expect(mentions(toCandidate(row!).searchText, "digital nomad")).toBe(true);
  });
});

describe("seniority ranges, as stored", () => {
  it("listings --json prints every level, and a row stored before the list existed prints its one level", async () => {
    await deps.db.delete(listings);
    await givenListing(deps.db, {
      title: "Engineer - Mid / Senior",
      seniority: "senior",
      seniorities: ["mid", "senior"],
    });
    const old = await givenListing(deps.db, { title: "Staff Engineer", seniority: "staff" });
    await deps.db.run(sql`UPDATE listings SET seniorities = '[]' WHERE id = ${old.id}`);

    const printed = (await cli(listingsCommand, [], { json: true })).map(
      (l) => JSON.parse(l) as { title: string; seniorities: string[] },
    );
    expect(new Map(printed.map((l) => [l.title, l.seniorities]))).toEqual(
      new Map([
        ["Engineer - Mid / Senior", ["mid", "senior"]],
        ["Staff Engineer", ["staff"]],
      ]),
    );
  });
});
