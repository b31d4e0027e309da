import { eq } from "drizzle-orm";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { deliveryContents, listings, subscribers, suppressions } from "../../../db/schema";
import { runDigest } from "../../../src/digest/run";
import { closeListing } from "../../../src/listings/manual";
import { storeFetchedListings } from "../../../src/listings/store";
import { emailHash } from "../../../src/subscribers/suppression";
import { givenListing, listingCandidate, onsite, type ListingOverrides } from "../../support/listing-factory";
import { givenSubscriber, givenSubscribers } from "../../support/subscriber-factory";
import { deleteSubscriberData, exportSubscriberData } from "../../../src/subscribers/my-data";
import { unpackMessage } from "../../../src/digest/stored-message";
import { createDigestDeps, digestMails, ledger, ledgerCounts, resetDigestState, type DigestDeps } from "./helpers";

let deps: DigestDeps;
beforeAll(async () => {
  deps = await createDigestDeps();
});
afterAll(() => deps.close());
beforeEach(() => resetDigestState(deps));

const WEEK1 = new Date("2026-03-23T08:00:00Z"); // Monday 08:00 UTC: the default slot
const WEEK2 = new Date("2026-03-30T08:00:00Z");
const day = (iso: string) => new Date(`${iso}T12:00:00Z`);
const run = (now: Date) => runDigest(deps, { now });
/** Titles in the digest mailed to `to`, in order, from the plain-text part's listing lines. */
const mailedTitles = (to: string, titles: string[]) => {
  const mails = digestMails(deps.fake).filter((m) => m.to[0] === to);
  return mails.map((m) => titles.filter((t) => m.text!.includes(t)));
};
const store = (candidates: ListingOverrides[], now: Date) =>
  storeFetchedListings(deps.db, {
    sourceName: "lever",
    candidates: candidates.map((c) => listingCandidate({ source: "lever", ...c })),
    now,
    complete: false,
  });

describe("what counts as new", () => {
  it("next week brings only listings first seen since this week's digest; a repost of a mailed listing never comes back", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "reader@example.com" });
    const all = ["Alpha API Engineer", "Bravo Data Engineer", "Charlie SRE", "Delta Go Developer"];
    await store([{ sourceId: "a-1", title: all[0], company: "Alpha", fingerprint: "fp-alpha" }], day("2026-03-20"));
    await store([{ sourceId: "b-1", title: all[1], company: "Bravo", fingerprint: "fp-bravo" }], day("2026-03-22"));
    await run(WEEK1);
    expect(mailedTitles(reader.email, all)).toEqual([[all[0], all[1]]]);

    // During the week: Alpha is closed and posted again under a new id (same job, same fingerprint);
    // Bravo's row is purged and comes back as a brand-new row with its old fingerprint;
    // Charlie is really new.
    const alpha = (await deps.db.select().from(listings).where(eq(listings.fingerprint, "fp-alpha")))[0]!;
    await closeListing(deps.db, alpha.id, day("2026-03-25"));
    const repost = await store(
      [{ sourceId: "a-2", title: all[0], company: "Alpha", fingerprint: "fp-alpha" }],
      day("2026-03-27"),
    );
    expect(repost).toMatchObject({ new: 0, reopened: 1 });
    await deps.db.delete(listings).where(eq(listings.fingerprint, "fp-bravo"));
    await givenListing(deps.db, { title: all[1], company: "Bravo", fingerprint: "fp-bravo" }, day("2026-03-28"));
    await store([{ sourceId: "c-1", title: all[2], company: "Charlie" }], day("2026-03-26"));

    await run(WEEK2);
    expect(mailedTitles(reader.email, all)).toEqual([[all[0], all[1]], [all[2]]]);
  });

  it("a first digest takes the listings first seen in the 7 days before it", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "first@example.com" });
    await givenListing(deps.db, { title: "Eight days old" }, new Date(WEEK1.getTime() - 8 * 86_400_000));
    await givenListing(deps.db, { title: "Six days old" }, new Date(WEEK1.getTime() - 6 * 86_400_000));
    await run(WEEK1);
    expect(mailedTitles(reader.email, ["Eight days old", "Six days old"])).toEqual([["Six days old"]]);
  });

  it("closed, on-site, non-backend and scam-flagged listings are never mailed: the week is skipped", async () => {
    await givenSubscriber(deps.db, WEEK1, { email: "picky@example.com" });
    const seen = day("2026-03-22");
    await givenListing(deps.db, { status: "closed" }, seen);
    await givenListing(deps.db, { remote: onsite() }, seen);
    await givenListing(deps.db, { isBackend: false }, seen);
    await givenListing(deps.db, { scamSignals: ["asks for payment"] }, seen);
    expect(await run(WEEK1)).toMatchObject({ due: 1, planned: 0, skippedEmpty: 1, sent: 0 });
    expect(digestMails(deps.fake)).toHaveLength(0);
    expect(await ledger(deps.db)).toMatchObject([{ status: "skipped", error: "no new matching listings" }]);
  });
});

describe("limits", () => {
  it("at most two per company and at most the subscriber's maximum, with a link to see all matches", async () => {
    const reader = await givenSubscriber(deps.db, WEEK1, { email: "limits@example.com", prefs: { maxListings: 4 } });
    const seen = day("2026-03-22");
    for (const title of ["Acme One", "Acme Two", "Acme Three"])
      await givenListing(deps.db, { title, company: "Acme", stacks: ["go"] }, seen);
    for (const title of ["Beta One", "Gamma One", "Delta One", "Echo One"])
      await givenListing(deps.db, { title, company: title.split(" ")[0] }, seen);
    await run(WEEK1);
    const [mail] = digestMails(deps.fake);
    const titles = ["Acme One", "Acme Two", "Acme Three", "Beta One", "Gamma One", "Delta One", "Echo One"].filter(
      (t) => mail!.text!.includes(t),
    );
    expect(titles).toHaveLength(4);
    expect(titles.filter((t) => t.startsWith("Acme"))).toHaveLength(2);
    expect(mail!.subject).toBe("Your top 4 of 7 new remote backend roles");
    expect(mail!.text).toContain("See all 7 matches");
    expect((await ledger(deps.db))[0]).toMatchObject({ subscriberId: reader.id, totalMatches: 7 });
    // The row names the listings mailed, in order, and the export gives them.
    const [row] = await ledger(deps.db);
    const mailed = row!.listingIds!;
    expect(mailed).toHaveLength(4);
    const titles4 = (await deps.db.select().from(listings)).filter((l) => mailed.includes(l.id)).map((l) => l.title);
    expect(titles4.sort()).toEqual([...titles].sort());
    expect((await exportSubscriberData(deps, reader.id)).deliveries[0]!.listingIds).toEqual(mailed);
  });
});

describe("what the ledger keeps of a digest", () => {
  it("the message exactly as the provider got it, compressed, and every match in ranked order", async () => {
    const [reader] = await givenSubscribers(deps.db, WEEK1, [{ prefs: { maxListings: 1 } }]);
    await givenListing(deps.db, { title: "Go Platform Engineer" }, day("2026-03-22"));
    await givenListing(deps.db, { title: "Go API Engineer" }, day("2026-03-21"));
    await run(WEEK1);
    const [row] = await ledger(deps.db);
    const [content] = await deps.db.select().from(deliveryContents).where(eq(deliveryContents.deliveryId, row!.id));
    const [sent] = digestMails(deps.fake);
    const stored = await unpackMessage(content!.message!);
    expect({ to: [stored.to], subject: stored.subject, html: stored.html, text: stored.text }).toEqual({
      to: sent!.to,
      subject: sent!.subject,
      html: sent!.html,
      text: sent!.text,
    });
    expect(content!.message!.length).toBeLessThan((stored.html.length + stored.text.length) / 2);
    expect(row!.listingIds).toHaveLength(1);
    expect(content!.matchedListingIds).toHaveLength(2);
    expect(content!.matchedListingIds![0]).toBe(row!.listingIds![0]);
    expect(row).toMatchObject({ subscriberId: reader!.id, totalMatches: 2 });
  });
});

describe("between planning and sending", () => {
  it('an excluded company that reads as no name at all ("—") excludes nothing, at planning and at sending alike', async () => {
    await givenSubscriber(deps.db, WEEK1, { email: "dash@example.com", prefs: { excludedCompanies: ["—", "globex"] } });
    await givenListing(deps.db, { title: "Acme Backend", company: "Acme" }, day("2026-03-22"));
    await givenListing(deps.db, { title: "Globex Backend", company: "Globex" }, day("2026-03-22"));
    expect(await run(WEEK1)).toMatchObject({ planned: 1, sent: 1, skipped: 0 });
    expect(mailedTitles("dash@example.com", ["Acme Backend", "Globex Backend"])).toEqual([["Acme Backend"]]);
  });

  it("someone who unsubscribes, deletes their data or bounces while the run is under way is not mailed, and the run goes on", async () => {
    await givenListing(deps.db, {}, day("2026-03-22"));
    // Two batches, the second half full: it is written to the ledger only once the first is sent.
    // Pages go in id order, so these three are in it.
    const count = 150;
    const subs = await givenSubscribers(
      deps.db,
      WEEK1,
      Array.from({ length: count }, () => ({})),
    );
    const [leaves, deletes, bounces] = [...subs].sort((a, b) => (a.id < b.id ? -1 : 1)).slice(-3);
    deps.fake.configure({ latencyMs: 30 });
    let changes: Promise<unknown> | undefined;
    const summary = await runDigest(deps, {
      now: WEEK1,
      onProgress: () => {
        changes ??= Promise.all([
          deps.db.update(subscribers).set({ status: "unsubscribed" }).where(eq(subscribers.id, leaves!.id)),
          deleteSubscriberData(deps, deletes!.id),
          emailHash(deps.suppressionKeys, bounces!.email).then((h) =>
            deps.db.insert(suppressions).values({ emailHash: h, reason: "bounce", createdAt: WEEK1 }),
          ),
        ]);
      },
    });
    await changes;
    const mailed = new Set(digestMails(deps.fake).map((m) => m.to[0]));
    expect([leaves, deletes, bounces].filter((s) => mailed.has(s!.email))).toEqual([]);
    expect(summary).toMatchObject({ sent: count - 3, planned: count - 3 });
    expect(await ledgerCounts(deps.db)).toEqual({ sent: count - 3 });
  });

  it("a listing closed while a long run is under way is left out of the pages that follow", async () => {
    const closing = await givenListing(deps.db, { title: "Closing Go Role", company: "Acme" }, day("2026-03-22"));
    await givenListing(deps.db, { title: "Staying Go Role", company: "Beta" }, day("2026-03-22"));
    // Two pages of due subscribers (1,000 per page, in id order): the last one is on the second.
    const subs = await givenSubscribers(
      deps.db,
      WEEK1,
      Array.from({ length: 1001 }, () => ({})),
    );
    const last = [...subs].sort((a, b) => (a.id < b.id ? -1 : 1)).at(-1)!;
    let closed: Promise<unknown> | undefined;
    await runDigest(deps, { now: WEEK1, onProgress: () => void (closed ??= closeListing(deps.db, closing.id, WEEK1)) });
    await closed;
    expect(mailedTitles(last.email, ["Closing Go Role", "Staying Go Role"])).toEqual([["Staying Go Role"]]);
  });

  it("an address suppressed by a bounce or complaint is skipped, whenever the suppression arrived", async () => {
    await givenListing(deps.db, {}, day("2026-03-22"));
    await givenSubscriber(deps.db, WEEK1, { email: "bounced@example.com" });
    await givenSubscriber(deps.db, WEEK1, { email: "complains-later@example.com" });
    await deps.db.insert(suppressions).values({
      emailHash: await emailHash(deps.suppressionKeys, "bounced@example.com"),
      reason: "bounce",
      createdAt: WEEK1,
    });
    expect(await runDigest(deps, { now: WEEK1, dryRun: true })).toMatchObject({
      due: 2,
      planned: 1,
      skippedSuppressed: 1,
    });
    await deps.db.insert(suppressions).values({
      emailHash: await emailHash(deps.suppressionKeys, "complains-later@example.com"),
      reason: "complaint",
      createdAt: WEEK1,
    });
    expect(await runDigest(deps, { now: WEEK1, runId: "r" })).toMatchObject({ sent: 0, skippedSuppressed: 2 });
    expect(digestMails(deps.fake)).toHaveLength(0);
    expect((await ledger(deps.db)).map((r) => r.status)).toEqual(["skipped", "skipped"]);
  });
});
