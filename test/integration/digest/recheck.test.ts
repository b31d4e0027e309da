import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listings, sourceStates } from "../../../db/schema";
import { recheckStaleListings } from "../../../src/listings/recheck";
import { runDigest } from "../../../src/digest/run";
import type { FetchPolicy } from "../../../src/listings/fetch-source";
import { addManualListing } from "../../../src/listings/manual";
import type { SourceConfig } from "../../../src/listings/sources-config";
import { storeFetchedListings } from "../../../src/listings/store";
import { listingCandidate } from "../../support/listing-factory";
import { startSourceServer, type SourceResponse } from "../../support/source-server";
import { givenSubscriber } from "../../support/subscriber-factory";
import { startDigestRun, summaryOf } from "./cli";
import { createDigestDeps, digestMails, resetDigestState, type DigestDeps } from "./helpers";

const FETCHED = new Date("2026-03-20T12:00:00Z"); // the sources' last successful fetch
const RUN = new Date("2026-03-23T08:00:00Z"); // Monday 08:00 UTC, the default slot: 2.8 days later
const HOUR = 3_600_000;

let deps: DigestDeps;
let server: Awaited<ReturnType<typeof startSourceServer>>;
beforeAll(async () => {
  [deps, server] = await Promise.all([createDigestDeps(), startSourceServer()]);
});
afterAll(async () => {
  await server.close();
  await deps.close();
});
beforeEach(async () => {
  await resetDigestState(deps);
  await deps.db.delete(sourceStates);
  server.requests.length = 0;
});

const acme = (): SourceConfig => ({
  name: "acme",
  type: "greenhouse",
  url: `${server.url}/v1/boards/acme/jobs?content=true`,
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
});
const board = (): SourceConfig => ({
  name: "board",
  type: "remoteok",
  url: `${server.url}/remoteok`,
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
});
const policy = (extra: Partial<FetchPolicy> = {}): FetchPolicy => ({ ...deps.fetchPolicy, timeoutMs: 400, ...extra });
const withSources = (extra: Partial<FetchPolicy> = {}) => ({
  ...deps,
  sources: async () => [acme(), board()],
  fetchPolicy: policy(extra),
});

/** Stores listings as one fetch of `source` at `at` (newest last in `titles`), and names the source's last success. */
async function fetched(source: string, type: string, titles: string[], at = FETCHED, lastSuccess = at) {
  for (const [i, title] of titles.entries()) {
    const sourceId = title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
    const candidate = listingCandidate({
      source: type,
      sourceId,
      title,
      url: `${server.url}/${source}/jobs/${sourceId}`,
    });
    await storeFetchedListings(deps.db, {
      sourceName: source,
      candidates: [candidate],
      now: new Date(at.getTime() + i * 60_000),
      complete: false,
    });
  }
  await deps.db
    .insert(sourceStates)
    .values({ name: source, lastAttemptAt: lastSuccess, lastSuccessAt: lastSuccess })
    .onConflictDoUpdate({ target: sourceStates.name, set: { lastSuccessAt: lastSuccess } });
}
const slug = (title: string) => title.toLowerCase().replace(/[^a-z0-9]+/g, "-");
const greenhouseJob = (title: string, answer: SourceResponse) =>
  server.set(`/v1/boards/acme/jobs/${slug(title)}`, answer);
const jobPage = (title: string, validThrough: string) => ({
  headers: { "content-type": "text/html" },
  body: `<html><script type="application/ld+json">{"@type":"JobPosting","title":"${title}","identifier":"${slug(title)}","validThrough":"${validThrough}"}</script></html>`,
});
const mailedText = () =>
  digestMails(deps.fake)
    .map((m) => m.text ?? "")
    .join("\n");
const statusOf = async (title: string) => (await deps.db.select().from(listings).where(eq(listings.title, title)))[0]!;

describe("verified before it is mailed", () => {
  // Newest first is the order of asking: no three inconclusive answers come in a row here.
  const ACME = [
    "Gone 410 Engineer",
    "Slow Engineer",
    "Dropped Engineer",
    "Open Engineer",
    "Broken 500 Engineer",
    "Gone 404 Engineer",
  ];
  const BOARD = ["Still Listed Engineer", "Expired Engineer"];

  it("leaves out listings their source answers 404 or 410 for or marks closed, and keeps those whose check fails", async () => {
    await fetched("acme", "greenhouse", ACME);
    await fetched("board", "remoteok", BOARD);
    greenhouseJob("Gone 404 Engineer", { status: 404 });
    greenhouseJob("Gone 410 Engineer", { status: 410 });
    greenhouseJob("Broken 500 Engineer", { status: 500 });
    greenhouseJob("Dropped Engineer", { drop: true });
    greenhouseJob("Slow Engineer", { delayMs: 5_000 });
    greenhouseJob("Open Engineer", { body: JSON.stringify({ id: 1, title: "Open Engineer" }) });
    server.set("/board/jobs/expired-engineer", jobPage("Expired Engineer", "2026-03-01T00:00:00Z"));
    server.set("/board/jobs/still-listed-engineer", jobPage("Still Listed Engineer", "2026-06-01T00:00:00Z"));
    await givenSubscriber(deps.db, RUN);

    const summary = await runDigest(withSources(), { now: RUN });

    expect(summary.recheck).toEqual({ stale: 8, rechecked: 8, dropped: 3, inconclusive: 3, unchecked: 0 });
    expect(summary.sent).toBe(1);
    const text = mailedText();
    for (const kept of [
      "Open Engineer",
      "Broken 500 Engineer",
      "Dropped Engineer",
      "Slow Engineer",
      "Still Listed Engineer",
    ])
      expect(text).toContain(kept);
    for (const gone of ["Gone 404 Engineer", "Gone 410 Engineer", "Expired Engineer"]) expect(text).not.toContain(gone);
    expect(await statusOf("Gone 404 Engineer")).toMatchObject({
      status: "closed",
      closedReason: "gone_at_source",
      closedAt: RUN,
    });
    expect((await statusOf("Open Engineer")).verifiedAt).toEqual(RUN);
    expect((await statusOf("Broken 500 Engineer")).verifiedAt).toBeNull();
    // Greenhouse is asked at its per-job API, the board at the listing's own page; once each.
    const paths = server.requests.map((r) => r.path);
    expect(paths).toContain("/v1/boards/acme/jobs/gone-404-engineer");
    expect(paths).toContain("/board/jobs/expired-engineer");
    expect(paths).toHaveLength(8);
    const logged = deps.log.lines
      .map((l) => JSON.parse(l) as Record<string, unknown>)
      .find((l) => l.event === "digest.recheck");
    expect(logged).toMatchObject({ stale: 8, rechecked: 8, dropped: 3 });
  });

  it("without any network nothing is dropped: the digest carries every listing", async () => {
    await fetched("acme", "greenhouse", ACME);
    await fetched("board", "remoteok", BOARD);
    await givenSubscriber(deps.db, RUN);
    const offline = async () => {
      throw new TypeError("fetch failed");
    };

    const summary = await runDigest(withSources({ fetch: offline }), { now: RUN });

    // Three failures in a row and a source is left alone for the run: 3 asked of each, the rest unchecked.
    expect(summary.recheck).toEqual({ stale: 8, rechecked: 5, dropped: 0, inconclusive: 5, unchecked: 3 });
    const text = mailedText();
    for (const title of [...ACME, ...BOARD]) expect(text).toContain(title);
  });

  it("does not ask about listings fetched in the last day, added by hand, imported from a file, or from a source no longer configured", async () => {
    await fetched("acme", "greenhouse", ["Fresh Engineer"], new Date(RUN.getTime() - 2 * HOUR));
    await fetched("import-greenhouse-jobs-json", "greenhouse", ["Imported Engineer"]);
    await fetched("retired", "greenhouse", ["Retired Source Engineer"]);
    await addManualListing(deps.db, {
      body: { title: "Hand Added Engineer", company: "Hand Co", url: "https://example.com/jobs/1" },
      employerType: null,
      now: FETCHED,
      maxAgeDays: deps.config.listingMaxAgeDays,
    });
    server.set("/v1/boards/acme/jobs/fresh-engineer", { status: 404 });
    await givenSubscriber(deps.db, RUN);

    const summary = await runDigest({ ...withSources(), sources: async () => [acme(), board()] }, { now: RUN });

    expect(server.requests).toEqual([]);
    expect(summary.recheck).toEqual({ stale: 0, rechecked: 0, dropped: 0, inconclusive: 0, unchecked: 0 });
    const text = mailedText();
    for (const title of ["Fresh Engineer", "Imported Engineer", "Retired Source Engineer"])
      expect(text).toContain(title);
  });

  it("asks about a listing its fresh source's last fetch no longer carried", async () => {
    await fetched("acme", "greenhouse", ["Missing Once Engineer", "Still There Engineer"]);
    // The next successful fetch, an hour before the run, carried only one of them.
    const later = new Date(RUN.getTime() - HOUR);
    await storeFetchedListings(deps.db, {
      sourceName: "acme",
      candidates: [
        listingCandidate({ source: "greenhouse", sourceId: "still-there-engineer", title: "Still There Engineer" }),
      ],
      now: later,
      complete: true,
    });
    await deps.db.update(sourceStates).set({ lastSuccessAt: later }).where(eq(sourceStates.name, "acme"));
    greenhouseJob("Missing Once Engineer", { status: 404 });

    const summary = await recheckStaleListings(withSources(), { now: RUN });

    expect(summary).toMatchObject({ stale: 1, rechecked: 1, dropped: 1 });
    expect(server.requests.map((r) => r.path)).toEqual(["/v1/boards/acme/jobs/missing-once-engineer"]);
  });

  it("asks once: a listing found open is not asked again for a day, and nobody due means nobody is asked", async () => {
    await fetched("acme", "greenhouse", ["Open Engineer"]);
    greenhouseJob("Open Engineer", { body: "{}" });
    expect(await recheckStaleListings(withSources(), { now: RUN })).toMatchObject({ rechecked: 1, dropped: 0 });
    expect(await recheckStaleListings(withSources(), { now: new Date(RUN.getTime() + 23 * HOUR) })).toMatchObject({
      stale: 0,
      rechecked: 0,
    });
    expect(await recheckStaleListings(withSources(), { now: new Date(RUN.getTime() + 25 * HOUR) })).toMatchObject({
      rechecked: 1,
    });

    server.requests.length = 0;
    const idle = await runDigest(withSources(), { now: new Date(RUN.getTime() + 50 * HOUR) }); // no subscriber at all
    expect(idle.recheck).toBeUndefined();
    expect(server.requests).toEqual([]);
  });

  it("a re-check that cannot run (an unreadable sources file) is logged, and the digest goes out whole", async () => {
    await fetched("acme", "greenhouse", ["Open Engineer"]);
    await givenSubscriber(deps.db, RUN);
    const broken = async (): Promise<SourceConfig[]> => {
      throw new Error("sources.json is not valid JSON");
    };

    const summary = await runDigest({ ...withSources(), sources: broken }, { now: RUN });

    expect(summary).toMatchObject({ sent: 1 });
    expect(summary.recheck).toBeUndefined();
    expect(mailedText()).toContain("Open Engineer");
    expect(deps.log.lines.some((l) => l.includes("digest.recheck_failed"))).toBe(true);
  });

  it("asks at most the per-source limit, newest first, and keeps the rest", async () => {
    const titles = ["One Engineer", "Two Engineer", "Three Engineer", "Four Engineer"];
    await fetched("acme", "greenhouse", titles);
    for (const t of titles) greenhouseJob(t, { status: 404 });

    const summary = await recheckStaleListings(withSources(), { now: RUN, limits: { perSource: 2 } });

    expect(summary).toEqual({ stale: 4, rechecked: 2, dropped: 2, inconclusive: 0, unchecked: 2 });
    expect(server.requests.map((r) => r.path)).toEqual([
      "/v1/boards/acme/jobs/four-engineer",
      "/v1/boards/acme/jobs/three-engineer",
    ]);
  });

  it("asks nothing more once the run's time budget is spent, and keeps the rest unchecked", async () => {
    // Slow answers that are not failures (a board that alternates slow and quick ones never gives up).
    const titles = Array.from({ length: 8 }, (_, i) => `Slow${i} Engineer`);
    await fetched("acme", "greenhouse", titles);
    for (const t of titles) greenhouseJob(t, { body: "{}", delayMs: 150 });

    const summary = await recheckStaleListings(withSources(), { now: RUN, limits: { budgetMs: 200 } });

    // The first answer alone takes 150 ms of the 200: at most two are asked, whatever the machine's load.
    expect(summary.rechecked).toBeGreaterThanOrEqual(1);
    expect(summary.rechecked).toBeLessThanOrEqual(2);
    expect(summary).toMatchObject({ stale: 8, dropped: 0, unchecked: 8 - summary.rechecked });
    expect(deps.log.lines.some((l) => l.includes("digest.recheck_out_of_time"))).toBe(true);
  });

  it("never asks a private address a listing names elsewhere, even with SOURCES_ALLOW_PRIVATE", async () => {
    // The board is configured on loopback (allowed); a job posted on it names another private origin.
    const inside = `http://localhost:${new URL(server.url).port}/internal-admin?action=delete`;
    await storeFetchedListings(deps.db, {
      sourceName: "board",
      candidates: [listingCandidate({ source: "remoteok", sourceId: "posted", title: "Posted Engineer", url: inside })],
      now: FETCHED,
      complete: false,
    });
    await fetched("board", "remoteok", ["Own Page Engineer"]);
    server.set("/board/jobs/own-page-engineer", { body: "{}" });

    const summary = await recheckStaleListings(withSources(), { now: RUN });

    expect(server.requests.map((r) => r.path)).toEqual(["/board/jobs/own-page-engineer"]);
    expect(summary).toMatchObject({ stale: 2, rechecked: 2, dropped: 0, inconclusive: 1 });
    expect(await statusOf("Posted Engineer")).toMatchObject({ status: "open", verifiedAt: null });
  });

  it("digest run --json counts what it re-checked and dropped", async () => {
    await fetched("acme", "greenhouse", ["Gone 404 Engineer", "Open Engineer"]);
    greenhouseJob("Gone 404 Engineer", { status: 404 });
    greenhouseJob("Open Engineer", { body: "{}" });
    await givenSubscriber(deps.db, RUN);
    const sourcesFile = join(deps.dir, "sources.json");
    writeFileSync(sourcesFile, JSON.stringify({ sources: [acme()] }));

    const run = startDigestRun(deps, RUN, { SOURCES_FILE: sourcesFile, SOURCES_ALLOW_PRIVATE: "true" });
    const { code, stdout, stderr } = await run.done;

    expect(code, stderr).toBe(0);
    expect(summaryOf(stdout)).toMatchObject({ sent: 1, recheck: { stale: 2, rechecked: 2, dropped: 1 } });
    expect(mailedText()).not.toContain("Gone 404 Engineer");
  });
});
