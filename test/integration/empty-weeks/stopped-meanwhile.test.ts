import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, expect, it } from "vitest";
import { emptyWeekNotes, preferences, subscribers } from "../../../db/schema";
import { runDigest } from "../../../src/digest/run";
import { applyDeliveryEvent } from "../../../src/subscribers/delivery-feedback";
import type { AcceptedEmail } from "../../support/fake-resend";
import { instantRetry } from "../../support/deps";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";
import { createDigestDeps, resetDigestState, type DigestDeps } from "../digest/helpers";

// A note the provider refused (an outage: 500) stays `sending` for a later run to resend. If its
// subscriber unsubscribed, bounced, paused or turned the notes off in between, that later run used
// to send it all the same: mail to someone who had just said stop.
const WEEK1 = new Date("2026-03-23T08:05:00Z");
const WEEK2 = new Date(WEEK1.getTime() + 7 * 86_400_000);
const LATER = new Date(WEEK2.getTime() + 10 * 60_000); // past the 5-minute claim
const isNote = (e: AcceptedEmail) => e.tags.some((t) => t.name === "kind" && t.value === "empty-weeks");

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(async () => {
  await resetDigestState(deps);
  await deps.db.delete(emptyWeekNotes);
});

/** A Rust subscriber whose second empty week's note the provider refused: the row is left `sending`. */
async function noteLeftSending(email: string) {
  const sub = await givenSubscriber(deps.db, WEEK1, { email, prefs: { stacks: ["rust"] } });
  for (const week of [WEEK1, WEEK2]) {
    await givenListing(deps.db, { stacks: ["go"] }, new Date(week.getTime() - 86_400_000));
    deps.clock.set(week);
    deps.retry = instantRetry(1);
    deps.fake.setFault((req) => (JSON.stringify(req.body).includes("empty-weeks") ? "500" : "none"));
    await runDigest(deps, { now: week });
  }
  deps.fake.setFault(null);
  expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ subscriberId: sub.id, status: "sending" }]);
  return sub;
}

async function laterRun() {
  deps.clock.set(LATER);
  await runDigest(deps, { now: LATER });
  return deps.fake.accepted.filter(isNote);
}

it("is resent by a later run to a subscriber who still wants it", async () => {
  await noteLeftSending("still@example.com");
  expect((await laterRun()).map((m) => m.to[0])).toEqual(["still@example.com"]);
  expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "sent" }]);
});

it.each([
  [
    "unsubscribed",
    (id: string) => deps.db.update(subscribers).set({ status: "unsubscribed" }).where(eq(subscribers.id, id)),
  ],
  [
    "paused",
    (id: string) =>
      deps.db
        .update(subscribers)
        .set({ pausedUntil: new Date(WEEK2.getTime() + 30 * 86_400_000) })
        .where(eq(subscribers.id, id)),
  ],
  [
    "turned the notes off",
    (id: string) => deps.db.update(preferences).set({ emptyWeekNotes: false }).where(eq(preferences.subscriberId, id)),
  ],
])("is not sent once the subscriber %s, and is marked skipped", async (_what, stop) => {
  const sub = await noteLeftSending("stopped@example.com");
  await stop(sub.id);
  expect(await laterRun()).toEqual([]);
  expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "skipped" }]);
});

it("is not sent to an address that hard-bounced meanwhile", async () => {
  await noteLeftSending("bounced@example.com");
  const bounce = { type: "email.bounced", data: { to: ["bounced@example.com"], bounce: { type: "Permanent" } } };
  expect(await applyDeliveryEvent(deps, { svixId: "msg_bounce", event: bounce })).toBe("suppressed");
  expect(await laterRun()).toEqual([]);
  expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "skipped" }]);
});
