import { rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { digestJob } from "../../../cron/digest";
import { subscribers } from "../../../db/schema";
import { createApp } from "../../../src/app";
import { createOutboxMailer } from "../../../src/node/outbox-mailer";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { createTestDeps, type TestDeps } from "../../support/deps";

// Acceptance defect: POST /api/subscribe answered 202, the confirmation failed to send, the log said
// kind "network" with no subscriber id, and nothing ever retried it.
const EMBED = "https://jobs.example.org";
const START = "2026-11-25T12:00:00Z";
const later = (minutes: number) => new Date(new Date(START).getTime() + minutes * 60_000);

const subscribeRequest = (email: string) => ({
  method: "POST",
  body: JSON.stringify({ email, stacks: ["go"] }),
  headers: { "content-type": "application/json", origin: EMBED },
});

/** The `subscribe.mail_failed` log lines, parsed. */
const mailFailures = (deps: { log: { lines: string[] } }) =>
  deps.log.lines
    .map((l) => JSON.parse(l) as Record<string, unknown>)
    .filter((l) => l.event === "subscribe.mail_failed");

describe("a confirmation the provider did not take", () => {
  const harness = useAppWithFakeResend({
    now: START,
    env: { ALLOWED_ORIGINS: EMBED },
  });
  let deps: AppHarness["deps"];
  let app: AppHarness["app"];
  beforeAll(() => {
    ({ deps, app } = harness);
  });

  it("is logged with the subscriber id and resent once by a later scheduler tick, never twice", async () => {
    deps.fake.setFault(() => "500"); // down beyond the retries
    const res = await app.request("/api/subscribe", subscribeRequest("ann@example.com"));
    expect(res.status).toBe(202);
    const [sub] = await deps.db.select().from(subscribers);
    expect(deps.fake.accepted).toHaveLength(0);
    const [failure] = mailFailures(deps);
    expect(failure).toMatchObject({ subscriberId: sub!.id, kind: "server" });

    deps.fake.setFault(null);
    deps.clock.set(later(15));
    await digestJob(deps, { now: later(15) });
    deps.clock.set(later(30));
    await digestJob(deps, { now: later(30) });
    const confirmations = deps.fake.accepted.filter((e) => e.tags.some((t) => t.value === "confirm"));
    expect(confirmations.map((e) => e.to)).toEqual([["ann@example.com"]]);
    expect(confirmations[0]!.text).toContain("/confirm/");
  });

  it("an attempt that may have been accepted is resent under the same key: the provider replays, nobody gets two", async () => {
    deps.fake.setFault(() => "accept-then-drop");
    await app.request("/api/subscribe", subscribeRequest("bo@example.com"));
    expect(deps.fake.accepted).toHaveLength(1);
    deps.fake.setFault(null);
    await digestJob(deps, { now: later(15) });
    expect(deps.fake.accepted).toHaveLength(1);
    expect(deps.fake.requests.at(-1)).toMatchObject({
      status: 200,
      replayed: true,
    });
  });

  it("is not resent once the provider's 24-hour key window is near (the address may have been mailed)", async () => {
    deps.fake.setFault(() => "500");
    await app.request("/api/subscribe", subscribeRequest("cy@example.com"));
    deps.fake.setFault(null);
    await digestJob(deps, { now: later(24 * 60) });
    expect(deps.fake.accepted).toHaveLength(0);
  });
});

describe("a confirmation the outbox could not write", () => {
  let deps: TestDeps;
  let blocker: string;
  beforeAll(async () => {
    deps = await createTestDeps({
      mailer: undefined as never,
      now: START,
      env: { ALLOWED_ORIGINS: EMBED },
    });
    blocker = join(deps.dir, "not-a-folder");
    writeFileSync(blocker, ""); // the outbox path runs through a file: every write fails (ENOTDIR)
    deps.mailer = createOutboxMailer(join(blocker, "outbox"), deps.clock);
  });
  afterAll(() => deps.close());

  it("is logged as a local failure with the subscriber id, and written by the next tick once the folder works", async () => {
    const app = createApp(deps);
    const res = await app.request("/api/subscribe", subscribeRequest("di@example.com"));
    expect(res.status).toBe(202);
    await deps.background.idle();
    const [sub] = await deps.db.select().from(subscribers);
    expect(mailFailures(deps)).toEqual([expect.objectContaining({ subscriberId: sub!.id, kind: "local" })]);

    rmSync(blocker);
    await digestJob(deps, { now: later(15) });
    const outbox = createOutboxMailer(join(blocker, "outbox"), deps.clock);
    expect((await outbox.list()).map((m) => m.to)).toEqual(["di@example.com"]);
  });
});
