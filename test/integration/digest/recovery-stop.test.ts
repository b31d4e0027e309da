import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { CLAIM_MS } from "../../../src/digest/ledger";
import { runDigest, type DigestRunSummary } from "../../../src/digest/run";
import { createDeliverer, emptySendSummary } from "../../../src/digest/send";
import { sendDue } from "../../../src/digest/send-due";
import { subscriberLinks } from "../../../src/subscribers/links";
import { createDepsWithFakeResend, instantRetry } from "../../support/deps";
import { settlingApp } from "../../support/app-harness";
import { oneClickRequest, svixHeaders, WEBHOOK_SECRET } from "../manage/helpers";
import {
  digestMails,
  givenWeek,
  ledger,
  ledgerCounts,
  mailsPerAddress,
  resetDigestState,
  type DigestDeps,
} from "./helpers";

// Acceptance defect: a batch left `sending` by a provider outage was recovered byte for byte,
// mailing people who had bounced, complained or unsubscribed meanwhile (DESIGN.md §6).
const WEEK1 = new Date("2026-03-23T08:00:00Z");
const LATER = new Date(WEEK1.getTime() + CLAIM_MS + 60_000);
let deps: DigestDeps;
let app: ReturnType<typeof settlingApp>;
beforeAll(async () => {
  deps = await createDepsWithFakeResend({
    now: WEEK1.toISOString(),
    env: { SEND_RATE_PER_SEC: "1000", PUBLIC_URL: "https://weekly.example.com", RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET },
  });
  app = settlingApp(deps);
});
afterAll(() => deps.close());
beforeEach(async () => {
  await resetDigestState(deps);
  deps.log.lines.length = 0;
});

/** A signed Resend webhook, as Resend posts it. */
async function webhook(type: "email.bounced" | "email.complained", to: string) {
  const body = JSON.stringify({
    type,
    created_at: WEEK1.toISOString(),
    data: { email_id: "re_earlier", to: [to], bounce: { type: "Permanent", subType: "General", message: "gone" } },
  });
  const res = await app.request("/webhooks/resend", { method: "POST", body, headers: svixHeaders(body) });
  expect(await res.json()).toEqual({ received: true, outcome: "suppressed" });
}

async function unsubscribeOneClick(subscriberId: string) {
  const { unsubscribe } = await subscriberLinks(deps, subscriberId);
  const res = await app.request(new URL(unsubscribe).pathname, oneClickRequest());
  expect([200, 202]).toContain(res.status);
}

describe("a batch recovered after the members it was for stopped their mail", () => {
  it("refused on every attempt (500s): bounced, complained and unsubscribed members are skipped, the rest mailed once", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 5);
    deps.retry = instantRetry(3);
    deps.fake.setFault(() => "500");
    expect(await runDigest(deps, { now: WEEK1 })).toMatchObject({ sent: 0, deferred: 5 });
    expect(await ledgerCounts(deps.db)).toEqual({ sending: 5 });

    await webhook("email.bounced", subs[0]!.email);
    await webhook("email.complained", subs[1]!.email);
    await unsubscribeOneClick(subs[2]!.id);
    deps.fake.setFault(null);
    const later = await runDigest(deps, { now: LATER });

    expect(mailsPerAddress(deps.fake)).toEqual(new Map(subs.slice(3).map((s) => [s.email, 1])));
    expect(later).toMatchObject({ sent: 2, skipped: 3, unknown: 0 });
    const rows = await ledger(deps.db);
    const stopped = new Set(subs.slice(0, 3).map((s) => s.id));
    for (const row of rows) {
      expect(row.status).toBe(stopped.has(row.subscriberId) ? "skipped" : "sent");
      if (row.status === "skipped") expect(row.error).toMatch(/unsubscribed, paused or suppressed/);
    }
    // The next tick mails nobody again.
    await runDigest(deps, { now: new Date(LATER.getTime() + 15 * 60_000) });
    expect(digestMails(deps.fake)).toHaveLength(2);
  });

  it("with nobody stopped, a refused batch is still replayed whole under its key", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 3);
    deps.retry = instantRetry(2);
    deps.fake.setFault(() => "500");
    await runDigest(deps, { now: WEEK1 });
    const key = deps.fake.requests[0]!.idempotencyKey;
    deps.fake.setFault(null);
    expect(await runDigest(deps, { now: LATER })).toMatchObject({ sent: 3, recovered: 3 });
    expect(deps.fake.requests.every((r) => r.idempotencyKey === key)).toBe(true);
    expect(mailsPerAddress(deps.fake)).toEqual(new Map(subs.map((s) => [s.email, 1])));
  });

  it("a batch that may have been accepted (the answer was lost) is only replayed identically, with a warning naming no address", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 3);
    deps.retry = instantRetry(3);
    // The first attempt is accepted but its answer lost; the provider then fails: the batch may have gone out.
    deps.fake.setFault((req) => (req.attempt === 1 ? "accept-then-drop" : "500"));
    expect(await runDigest(deps, { now: WEEK1 })).toMatchObject({ sent: 0, deferred: 3 });
    await webhook("email.bounced", subs[0]!.email);
    deps.fake.setFault(null);

    expect(await runDigest(deps, { now: LATER })).toMatchObject({ sent: 3, recovered: 3, skipped: 0 });
    // A changed body under the same key would be refused or mailed twice: the very same request is replayed.
    expect(deps.fake.requests.at(-1)).toMatchObject({ status: 200, replayed: true });
    expect(mailsPerAddress(deps.fake)).toEqual(new Map(subs.map((s) => [s.email, 1])));
    const warning = deps.log.lines.find((l) => l.includes("digest.recovered_unmailable"));
    expect(warning).toBeDefined();
    for (const s of subs) expect(warning).not.toContain(s.email);
  });

  it("a batch refused once, then lost in a later run's attempt, is never re-formed", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 3);
    deps.retry = instantRetry(2);
    deps.fake.setFault(() => "500");
    await runDigest(deps, { now: WEEK1 });
    // The recovering run's request is accepted but its answer lost: from now on the batch may have gone out.
    deps.fake.setFault((req) => (req.attempt === 3 ? "accept-then-drop" : "500"));
    expect(await runDigest(deps, { now: LATER })).toMatchObject({ deferred: 3 });
    await unsubscribeOneClick(subs[0]!.id);
    deps.fake.setFault(null);
    expect(await runDigest(deps, { now: new Date(LATER.getTime() + CLAIM_MS + 60_000) })).toMatchObject({
      skipped: 0,
      recovered: 3,
    });
    expect(mailsPerAddress(deps.fake)).toEqual(new Map(subs.map((s) => [s.email, 1])));
  });
});

// Item 2 of the same review: a run's claim lapsed after 5 minutes even while it was still retrying
// (5 attempts, each up to the request timeout, with waits of up to 2 minutes after a 429).
describe("a run still retrying a batch", () => {
  it("keeps its claim: a run starting after more than 5 minutes of retries leaves the batch to its owner", async () => {
    const subs = await givenWeek(deps.db, WEEK1, 3);
    let waited = 0; // simulated time spent waiting between attempts
    let other: DigestRunSummary | undefined;
    let otherStarted = false;
    deps.retry = {
      maxAttempts: 8,
      baseDelayMs: 60_000,
      maxDelayMs: 120_000,
      sleep: async (ms) => {
        waited += ms;
        if (otherStarted || waited <= CLAIM_MS + 30_000) return;
        otherStarted = true; // a scheduler tick in another process, that much later
        other = await runDigest(deps, { now: new Date(WEEK1.getTime() + waited), runId: "run-b" });
      },
    };
    deps.fake.setFault(() => (other ? "none" : "500"));
    const summary = emptySendSummary();
    const claimTime = () => new Date(WEEK1.getTime() + waited);
    const deliver = createDeliverer(deps, summary, "run-a", WEEK1, claimTime);
    await sendDue(deps, { now: WEEK1, runId: "run-a", summary, deliver, claimTime });

    expect(other).toMatchObject({ batches: 0, recovered: 0, deferred: 0, sent: 0 });
    expect(summary).toMatchObject({ sent: 3, deferred: 0 });
    expect(new Set(deps.fake.requests.map((r) => r.idempotencyKey)).size).toBe(1);
    expect(mailsPerAddress(deps.fake)).toEqual(new Map(subs.map((s) => [s.email, 1])));
  });
});
