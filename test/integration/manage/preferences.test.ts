import { beforeAll, describe, expect, it } from "vitest";
import { findSubscriber } from "../../../src/subscribers/store";
import { FormSession, readPage } from "../../support/forms";
import { givenSentDigest, givenSubscriber, subscriberRow } from "./helpers";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";

const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

describe("preference centre", () => {
  it("shows the current filters and schedule in the same fields as the subscribe form, and GET changes nothing", async () => {
    const s = await givenSubscriber(deps, {
      preferences: { stacks: ["go"], timezone: "Europe/Lisbon", sendHour: 9, mustHaveKeywords: ["kafka"] },
    });
    const before = await subscriberRow(deps.db, s.id);
    const res = await new FormSession(app).get(s.paths.preferences);
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toMatch(/value="go" checked/);
    expect(html).toMatch(/<option value="9" selected/);
    expect(html).toMatch(/<option value="Europe\/Lisbon" selected/);
    expect(html).toContain('value="kafka"');
    expect(html).toContain('id="field-stacks"'); // footer links focus a filter with #field-stacks
    expect(await subscriberRow(deps.db, s.id)).toEqual(before);
  });

  it("saves a change and shows what changed; saving again shows nothing changed", async () => {
    const s = await givenSubscriber(deps, { preferences: { stacks: ["go"] } });
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    const res = await session.post(s.paths.preferences, {
      action: "save",
      stacks: ["go", "rust"],
      sendHour: "7",
      timezone: "UTC",
      includeNoSalary: "yes",
    });
    expect(res.status).toBe(200);
    const html = await readPage(res);
    expect(html).toContain("What changed:");
    expect(html).toContain("<strong>Stacks:</strong> Go → Go, Rust");
    expect(html).toContain("Monday at 07:00 (UTC)");
    const stored = await findSubscriber(deps.db, { id: s.id });
    expect(stored!.preferences).toMatchObject({ stacks: ["go", "rust"], sendHour: 7 });

    const again = await session.post(s.paths.preferences, {
      action: "save",
      stacks: ["go", "rust"],
      sendHour: "7",
      timezone: "UTC",
      includeNoSalary: "yes",
    });
    expect(await again.text()).toContain("Saved. Nothing changed.");
  });

  it("names what the POST did in the page title: Saved, Paused, Resumed or Error (the title once stayed the same)", async () => {
    const s = await givenSubscriber(deps, { preferences: { stacks: ["go"] } });
    const session = new FormSession(app);
    const title = async (res: Response) => (await res.text()).match(/<title>([^<]*)<\/title>/)?.[1];
    expect(await title(await session.get(s.paths.preferences))).toBe("Your subscription · Backend Weekly");
    const saved = await session.post(s.paths.preferences, {
      action: "save",
      stacks: "rust",
      sendHour: "7",
      timezone: "UTC",
    });
    expect(await title(saved)).toBe("Saved: Your subscription · Backend Weekly");
    const paused = await session.post(s.paths.preferences, { action: "pause", weeks: "2" });
    expect(await title(paused)).toBe("Paused: Your subscription · Backend Weekly");
    const resumed = await session.post(s.paths.preferences, { action: "resume" });
    expect(await title(resumed)).toBe("Resumed: Your subscription · Backend Weekly");
    const failed = await session.post(s.paths.preferences, { action: "save", sendHour: "25" });
    expect(await title(failed)).toBe("Error: Your subscription · Backend Weekly");
  });

  it("rejects invalid values with the subscribe form's messages, keeps what was typed and saves nothing", async () => {
    const s = await givenSubscriber(deps, { preferences: { stacks: ["go"] } });
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    const res = await session.post(s.paths.preferences, {
      action: "save",
      stacks: ["rust", "cobol"],
      sendHour: "25",
      maxListings: "500",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Nothing was saved.");
    expect(html).toContain("Choose stacks from the list.");
    expect(html).toContain("Choose an hour between 0 and 23.");
    expect(html).toContain("Listings per email must be between 1 and 50.");
    expect(html).toMatch(/value="rust" checked/);
    expect((await findSubscriber(deps.db, { id: s.id }))!.preferences.stacks).toEqual(["go"]);
  });

  it("links each error in the summary to its field's control ('Listings per email' once led nowhere)", async () => {
    const s = await givenSubscriber(deps, { preferences: { stacks: ["go"] } });
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    const res = await session.post(s.paths.preferences, { action: "save", sendHour: "25", maxListings: "500" });
    expect(res.status).toBe(400);
    const html = await res.text();
    const summary = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)![0];
    const ids = [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
    expect(ids).toEqual(["sendHour", "maxListings"]);
    for (const id of ids) expect(html).toMatch(new RegExp(`<(select|input)[^>]*\\sid="${id}"`));
  });

  it("refuses a save without the CSRF token", async () => {
    const s = await givenSubscriber(deps, { preferences: { stacks: ["go"] } });
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    const res = await session.post(s.paths.preferences, { action: "save", stacks: "rust" }, { csrf: null });
    expect(res.status).toBe(403);
    expect((await findSubscriber(deps.db, { id: s.id }))!.preferences.stacks).toEqual(["go"]);
  });

  it("answers a too-large save with a way back to the preferences, not to the sign-up form", async () => {
    const s = await givenSubscriber(deps, { preferences: { stacks: ["go"] } });
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    const res = await session.post(s.paths.preferences, { action: "save", excludeKeywords: "x".repeat(100_000) });
    expect(res.status).toBe(413);
    const html = await readPage(res);
    expect(html).toContain("too large");
    expect(html).toContain(`<a class="alone" href="${s.paths.preferences}">Back to the page you were on</a>`);
    expect((await findSubscriber(deps.db, { id: s.id }))!.preferences.stacks).toEqual(["go"]);
  });
});

describe("pause", () => {
  it("pauses for 4 weeks until their own weekday and hour, shows it at the top, and resumes early", async () => {
    const s = await givenSubscriber(deps, { preferences: { timezone: "Europe/Lisbon" } });
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    const paused = await session.post(s.paths.preferences, { action: "pause", weeks: "4" });
    expect(paused.status).toBe(200);
    const html = await paused.text();
    // This week's digest is still due (Monday's slot passed before they subscribed): it is the first of
    // the four skipped, with 30 November, 7 and 14 December; the digest resumes on their slot, Monday 21.
    expect(html).toContain("Paused. No digest until Monday, 21 December 2026.");
    expect(html).toContain("Paused until Monday, 21 December 2026 at 08:00, your first Monday slot after the pause");
    expect(html).toContain("Next digest: on Monday, 21 December 2026 at 08:00");
    expect((await subscriberRow(deps.db, s.id))!.pausedUntil).toEqual(new Date("2026-12-21T08:00:00Z"));
    // Near the top: the pause and its button come before the filters.
    expect(html.indexOf("Resume now")).toBeLessThan(html.indexOf('id="field-stacks"'));

    const shown = await session.get(s.paths.preferences);
    expect(await shown.text()).toContain("Resume now");

    const resumed = await session.post(s.paths.preferences, { action: "resume" });
    expect(await resumed.text()).toContain("Resumed.");
    expect((await subscriberRow(deps.db, s.id))!.pausedUntil).toBeNull();
  });

  it("skips exactly the weeks chosen when this week's digest was already sent", async () => {
    const s = await givenSubscriber(deps, { preferences: { timezone: "Europe/Lisbon" } });
    const monday = new Date("2026-11-23T08:05:00Z");
    await givenSentDigest(deps.db, s.id, "msg-this-week", monday, undefined, "2026-W48");
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    await session.post(s.paths.preferences, { action: "pause", weeks: "2" });
    // Skipped: 30 November and 7 December.
    expect((await subscriberRow(deps.db, s.id))!.pausedUntil).toEqual(new Date("2026-12-14T08:00:00Z"));
  });

  it("offers 2, 4 and 12 weeks and refuses any other length", async () => {
    const s = await givenSubscriber(deps);
    const session = new FormSession(app);
    const page = await (await session.get(s.paths.preferences)).text();
    for (const w of ["2", "4", "12"])
      expect(page).toMatch(new RegExp(`value="${w}" class="secondary"[^>]*>Pause ${w} weeks<`));
    const res = await session.post(s.paths.preferences, { action: "pause", weeks: "52" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Choose a pause of 2, 4 or 12 weeks.");
    expect((await subscriberRow(deps.db, s.id))!.pausedUntil).toBeNull();
  });

  it("refuses a POST that names no action and keeps every filter", async () => {
    const s = await givenSubscriber(deps, { preferences: { stacks: ["go"], sendHour: 9 } });
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    const res = await session.post(s.paths.preferences, { weeks: "2" });
    expect(res.status).toBe(400);
    expect(await res.text()).toContain("Please use the buttons on the page.");
    const row = (await subscriberRow(deps.db, s.id))!;
    expect(row.pausedUntil).toBeNull();
    expect((await findSubscriber(deps.db, { id: s.id }))!.preferences).toMatchObject({ stacks: ["go"], sendHour: 9 });
  });

  it("the digest stops only while paused: after the date the subscriber counts as active again", async () => {
    const { isPaused } = await import("../../../src/subscribers/pause");
    const s = await givenSubscriber(deps);
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    await session.post(s.paths.preferences, { action: "pause", weeks: "2" });
    const row = (await subscriberRow(deps.db, s.id))!;
    expect(isPaused(row, deps.clock.now())).toBe(true);
    deps.clock.advance(row.pausedUntil!.getTime() - deps.clock.now().getTime() + 1);
    expect(isPaused(row, deps.clock.now())).toBe(false);
    expect(await (await session.get(s.paths.preferences)).text()).toContain("Pause 4 weeks");
  });

  it("cannot pause a subscription that is unsubscribed", async () => {
    const s = await givenSubscriber(deps, { status: "unsubscribed" });
    const session = new FormSession(app);
    const page = await readPage(await session.get(s.paths.preferences));
    expect(page).toContain("You're unsubscribed");
    expect(page).not.toContain("Pause 4 weeks");
    const res = await session.post(s.paths.preferences, { action: "pause", weeks: "4" });
    expect(res.status).toBe(409);
    expect((await subscriberRow(deps.db, s.id))!.pausedUntil).toBeNull();
  });
});
