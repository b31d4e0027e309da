import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { emptyWeekNotes, preferences } from "../../../db/schema";
import { runDigest } from "../../../src/digest/run";
import type { AcceptedEmail } from "../../support/fake-resend";
import { instantRetry } from "../../support/deps";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";
import { createDigestDeps, digestMails, resetDigestState, type DigestDeps } from "../digest/helpers";

// Issue 18.5: empty weeks send nothing; the second empty week in a row sends one short note.
const WEEK1 = new Date("2026-03-23T08:05:00Z"); // Mondays, just after the default 08:00 UTC slot
const week = (n: number) => new Date(WEEK1.getTime() + (n - 1) * 7 * 86_400_000);
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

/** A new Go listing the day before each week's run: a Rust subscriber's nearest miss. */
async function goListingBefore(n: number) {
  return givenListing(
    deps.db,
    { stacks: ["go"], title: `Go Engineer ${n}`, company: `Gopher ${n}` },
    new Date(week(n).getTime() - 86_400_000),
  );
}

async function runWeek(n: number) {
  deps.clock.set(week(n));
  return runDigest(deps, { now: week(n) });
}

const notes = () => deps.fake.accepted.filter(isNote);

describe("empty-week notes", () => {
  it("the second empty week in a row mails one note naming the nearest misses and the filter that left them out", async () => {
    const rust = await givenSubscriber(deps.db, WEEK1, { prefs: { stacks: ["rust"] } });
    await goListingBefore(1);
    expect((await runWeek(1)).skippedEmpty).toBe(1);
    expect(notes()).toHaveLength(0); // one empty week: nothing at all

    await goListingBefore(2);
    await runWeek(2);
    expect(notes()).toHaveLength(1);
    const note = notes()[0]!;
    expect(note.to).toEqual([rust.email]);
    expect(note.subject).toBe("Nothing matched your filters for two weeks");
    for (const part of [note.html!.replace(/<!-- -->/g, ""), note.text!]) {
      expect(part).toContain("Go Engineer 2");
      expect(part).toContain("Go Engineer 1");
      expect(part).toContain("Stacks: it asks for Go");
      expect(part).toContain("Your next digest is due on Monday 6 April at 08:00 (UTC)");
      expect(part).toContain("#field-emptyWeekNotes"); // where to turn these notes off
    }
    expect(note.text).not.toMatch(/NOTHING MATCHED/);
    expect(note.html).toMatch(/<html[^>]* lang="en"/);
    expect(note.html).toContain("<title>Nothing matched your filters for two weeks</title>");
    expect(note.html).toContain('name="viewport"');
    expect(note.headers["List-Unsubscribe"] ?? note.headers["list-unsubscribe"]).toMatch(
      /^<https:\/\/weekly\.example\.com\/unsubscribe\//,
    );
    expect(digestMails(deps.fake)).toHaveLength(0);

    await goListingBefore(3);
    await runWeek(3);
    expect(notes()).toHaveLength(1); // a third empty week: still one note for this run of empty weeks
  });

  it("a week with a digest starts the count again; a subscriber who turned notes off gets none", async () => {
    const python = await givenSubscriber(deps.db, WEEK1, { prefs: { stacks: ["python"] } });
    const quiet = await givenSubscriber(deps.db, WEEK1, { prefs: { stacks: ["rust"] } });
    await deps.db.update(preferences).set({ emptyWeekNotes: false }).where(eq(preferences.subscriberId, quiet.id));
    await givenListing(deps.db, { stacks: ["python"] }, new Date(week(1).getTime() - 86_400_000));
    for (const n of [1, 2]) {
      await goListingBefore(n);
      await runWeek(n);
    }
    expect(digestMails(deps.fake).map((m) => m.to[0])).toEqual([python.email]);
    expect(notes()).toHaveLength(0); // python: one empty week after a digest; quiet: notes off
    await runWeek(3);
    expect(notes().map((m) => m.to[0])).toEqual([python.email]);
  });

  it("two runs at once send the note once", async () => {
    await givenSubscriber(deps.db, WEEK1, { prefs: { stacks: ["rust"] } });
    await goListingBefore(1);
    await runWeek(1);
    await goListingBefore(2);
    deps.clock.set(week(2));
    await Promise.all([runDigest(deps, { now: week(2) }), runDigest(deps, { now: week(2) })]);
    expect(notes()).toHaveLength(1);
    expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "sent", period: "2026-W14" }]);
  });

  it("an answer lost after the provider took the note: a later run re-sends the stored bytes under the same key, one note", async () => {
    await givenSubscriber(deps.db, WEEK1, { prefs: { stacks: ["rust"] } });
    await goListingBefore(1);
    await runWeek(1);
    await goListingBefore(2);
    deps.retry = instantRetry(1); // no retry in this run: the row is left as a killed run leaves it
    deps.fake.setFault((req) => (JSON.stringify(req.body).includes("empty-weeks") ? "accept-then-drop" : "none"));
    await runWeek(2);
    expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "sending", attempts: 1 }]);
    deps.fake.setFault(null);

    // A listing arriving meanwhile would change a re-composed note: the stored one is what goes.
    await givenListing(deps.db, { stacks: ["go"], title: "Late Go role" }, new Date(week(2).getTime() + 60_000));
    const early = new Date(week(2).getTime() + 60_000);
    await runDigest(deps, { now: early }); // the claim has not lapsed: left alone
    expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "sending", attempts: 1 }]);
    const later = new Date(week(2).getTime() + 6 * 60_000);
    deps.clock.set(later);
    await runDigest(deps, { now: later });
    expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "sent", attempts: 2 }]);
    expect(notes()).toHaveLength(1);
    expect(notes()[0]!.text).not.toContain("Late Go role");
    const keys = deps.fake.requests
      .filter((r) => r.idempotencyKey?.startsWith("empty-weeks:"))
      .map((r) => r.idempotencyKey);
    expect(keys).toHaveLength(2);
    expect(new Set(keys).size).toBe(1);
    expect(
      deps.fake.requests.filter((r) => r.idempotencyKey?.startsWith("empty-weeks:")).map((r) => r.replayed),
    ).toEqual([false, true]);
  });

  it("a note still in flight after the provider's 24-hour key window becomes unknown and is never resent", async () => {
    await givenSubscriber(deps.db, WEEK1, { prefs: { stacks: ["rust"] } });
    await goListingBefore(1);
    await runWeek(1);
    await goListingBefore(2);
    deps.retry = instantRetry(1);
    deps.fake.setFault((req) => (JSON.stringify(req.body).includes("empty-weeks") ? "500" : "none"));
    await runWeek(2);
    deps.fake.setFault(null);
    const dayLater = new Date(week(2).getTime() + 25 * 3_600_000);
    deps.clock.set(dayLater);
    await runDigest(deps, { now: dayLater });
    expect(await deps.db.select().from(emptyWeekNotes)).toMatchObject([{ status: "unknown" }]);
    expect(notes()).toHaveLength(0);
  });
});
