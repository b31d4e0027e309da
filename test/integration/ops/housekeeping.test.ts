import { mkdirSync, readdirSync, utimesSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cronExpression, jobs } from "../../../cron/schedule";
import { jobRuns, listings, subscribers, webhookEvents } from "../../../db/schema";
import { cliEnv, startCli } from "../../support/cli-process";
import { createTestDeps, type TestDeps } from "../../support/deps";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";

/**
 * Issue 17: closed listings, job runs and webhook events were never pruned, and outbox temp files
 * were left forever. The daily job, run here as the operator would (`housekeeping --now`).
 */
const NOW = new Date("2026-06-30T03:30:00Z");
const daysAgo = (d: number) => new Date(NOW.getTime() - d * 86_400_000);

let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
});
afterAll(() => deps.close());

describe("the housekeeping job", () => {
  it("prunes what is past each period and keeps what is not", { timeout: 60_000 }, async () => {
    const oldClosed = await givenListing(
      deps.db,
      { status: "closed", closedAt: daysAgo(31), description: "old body" },
      daysAgo(80),
    );
    const recentClosed = await givenListing(
      deps.db,
      { status: "closed", closedAt: daysAgo(29), description: "recent body" },
      daysAgo(60),
    );
    const open = await givenListing(deps.db, { description: "open body" }, daysAgo(100));
    await deps.db.insert(jobRuns).values([
      { id: "old", job: "digest", startedAt: daysAgo(91), status: "ok" },
      { id: "new", job: "digest", startedAt: daysAgo(89), status: "ok" },
    ]);
    await deps.db.insert(webhookEvents).values([
      { svixId: "msg_old", type: "email.bounced", receivedAt: daysAgo(91) },
      { svixId: "msg_new", type: "email.bounced", receivedAt: daysAgo(1) },
    ]);
    // A sign-up never confirmed, its link mailed 31 days ago (purgeExpired), and one from yesterday.
    const stalePending = await givenSubscriber(deps.db, daysAgo(31), { status: "pending" });
    const freshPending = await givenSubscriber(deps.db, daysAgo(1), { status: "pending" });
    const outbox = join(deps.dir, "outbox");
    mkdirSync(outbox, { recursive: true });
    for (const name of ["stale.json.1.tmp", "fresh.json.2.tmp", "kept.json"]) writeFileSync(join(outbox, name), "{}");
    const twoHoursAgo = new Date(NOW.getTime() - 2 * 3_600_000);
    utimesSync(join(outbox, "stale.json.1.tmp"), twoHoursAgo, twoHoursAgo);
    utimesSync(join(outbox, "kept.json"), twoHoursAgo, twoHoursAgo);
    const tenMinutesAgo = new Date(NOW.getTime() - 10 * 60_000);
    utimesSync(join(outbox, "fresh.json.2.tmp"), tenMinutesAgo, tenMinutesAgo);

    const run = await startCli(
      ["housekeeping", "--now", NOW.toISOString(), "--json"],
      cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: outbox }),
    ).done;
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout.trim().split("\n").at(-1)!)).toEqual({
      listingsClosedExpired: 0,
      listingsClosedTooOld: 1, // the listing left open, first seen 100 days ago
      listingBodiesPruned: 1,
      ledgerContentsPruned: 0,
      noteContentsPruned: 0,
      jobRunsDeleted: 1,
      webhookEventsDeleted: 1,
      pendingSubscribers: 1,
      newChoiceRequests: 0,
      rateLimitRows: 0,
      swept: { outboxTmpFiles: 1 },
    });
    const pendingLeft = (await deps.db.select({ id: subscribers.id }).from(subscribers)).map((r) => r.id);
    expect(pendingLeft).toContain(freshPending.id);
    expect(pendingLeft).not.toContain(stalePending.id);

    const description = async (id: string) =>
      (await deps.db.select().from(listings).where(eq(listings.id, id)))[0]!.description;
    expect(await description(oldClosed.id)).toBe("");
    expect(await description(recentClosed.id)).toBe("recent body");
    // Closed as too old by this run: its body stays until it has been closed for the retention period.
    expect(await description(open.id)).toBe("open body");
    expect((await deps.db.select().from(jobRuns)).map((r) => r.id).sort()).toEqual(["new", expect.any(String)].sort());
    expect((await deps.db.select().from(webhookEvents)).map((e) => e.svixId)).toEqual(["msg_new"]);
    expect(readdirSync(outbox).sort()).toEqual(["fresh.json.2.tmp", "kept.json"]);

    // Periods come from the environment: with 10 days, the other closed listing goes too.
    const shorter = await startCli(
      ["housekeeping", "--now", NOW.toISOString(), "--json"],
      cliEnv({
        databaseUrl: deps.config.databaseUrl,
        outboxDir: outbox,
        env: { LISTING_BODY_RETENTION_DAYS: "10" },
      }),
    ).done;
    expect(JSON.parse(shorter.stdout.trim().split("\n").at(-1)!)).toMatchObject({
      listingBodiesPruned: 1,
      jobRunsDeleted: 0,
    });
  });

  it("says every count in words without --json", { timeout: 60_000 }, async () => {
    const run = await startCli(
      ["housekeeping", "--now", NOW.toISOString()],
      cliEnv({ databaseUrl: deps.config.databaseUrl, outboxDir: join(deps.dir, "outbox") }),
    ).done;
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /^housekeeping: .*, \d+ expired pending subscribers, \d+ new-choice requests and \d+ rate-limit rows deleted, \d+ outbox temp files removed\n$/,
    );
  });

  it("is scheduled once a day", () => {
    const job = jobs.find((j) => j.name === "housekeeping");
    expect(job && cronExpression(job.everyMinutes)).toBe("30 3 * * *");
  });
});
