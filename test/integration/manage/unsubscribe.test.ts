import { beforeAll, describe, expect, it } from "vitest";
import { subscribers } from "../../../db/schema";
import { FormSession, linkPath, readPage } from "../../support/forms";
import { givenSentDigest, givenSubscriber, oneClickRequest, subscriberRow } from "./helpers";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";

const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

describe("one-click unsubscribe (RFC 8058)", () => {
  it("a POST exactly as a mail client sends it (form body, no Origin, no cookies, no CSRF token) unsubscribes and answers 200", async () => {
    const s = await givenSubscriber(deps);
    const res = await app.request(s.paths.unsubscribe, oneClickRequest());
    expect([200, 202]).toContain(res.status);
    expect(res.headers.get("location")).toBeNull();
    const row = await subscriberRow(deps.db, s.id);
    expect(row).toMatchObject({ status: "unsubscribed", unsubscribedAt: deps.clock.now() });
    expect(deps.fake.accepted).toHaveLength(0);
  });

  it("is idempotent: a second one-click, or one after the page's button, still answers 200 and changes nothing", async () => {
    const s = await givenSubscriber(deps);
    await app.request(s.paths.unsubscribe, oneClickRequest());
    const first = await subscriberRow(deps.db, s.id);
    deps.clock.advance(60_000);
    const again = await app.request(s.paths.unsubscribe, oneClickRequest());
    expect(again.status).toBe(200);
    expect(await subscriberRow(deps.db, s.id)).toEqual(first);
  });

  it("works from the List-Unsubscribe header of a real welcome email", async () => {
    const session = new FormSession(app);
    await session.get("/");
    await session.post("/subscribe", { email: "wes@example.com" });
    const confirm = linkPath(deps.fake.accepted[0]!.text!, "confirm");
    await session.get(confirm);
    await session.post(confirm, {});
    const header = deps.fake.accepted[1]!.headers["List-Unsubscribe"]!;
    const res = await app.request(new URL(header.slice(1, -1)).pathname, oneClickRequest());
    expect(res.status).toBe(200);
    const [row] = await deps.db.select().from(subscribers);
    expect(row!.status).toBe("unsubscribed");
  });

  it("a form POST that is not the one-click body still needs the CSRF token", async () => {
    const s = await givenSubscriber(deps);
    const res = await app.request(s.paths.unsubscribe, { ...oneClickRequest(), body: "action=unsubscribe" });
    expect(res.status).toBe(403);
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("confirmed");
  });
});

describe("unsubscribe page", () => {
  it("GET shows one button and changes nothing; the button unsubscribes at once", async () => {
    const s = await givenSubscriber(deps);
    const session = new FormSession(app);
    const page = await session.get(s.paths.unsubscribe);
    expect(page.status).toBe(200);
    const html = await readPage(page);
    expect(html.match(/<button/g)).toHaveLength(1);
    expect(html).not.toMatch(/\/(preferences|my-data|digest)\//); // the link does one thing (issue 16.3)
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("confirmed");

    const done = await session.post(s.paths.unsubscribe, { action: "unsubscribe" });
    expect(done.status).toBe(200);
    const after = await readPage(done);
    expect(after).toContain("You're unsubscribed");
    expect(after).toContain("Resubscribe");
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("unsubscribed");
  });

  it("keeps an optional reason for the operator's statistics", async () => {
    const s = await givenSubscriber(deps, { status: "unsubscribed" });
    const session = new FormSession(app);
    await session.get(s.paths.unsubscribe);
    const bad = await session.post(s.paths.unsubscribe, { action: "reason", reason: "<script>" });
    expect(bad.status).toBe(400);
    const res = await session.post(s.paths.unsubscribe, { action: "reason", reason: "found_job", comment: "Thanks!" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Thanks for telling us.");
    expect((await subscriberRow(deps.db, s.id))!.unsubscribeReason).toBe("found_job: Thanks!");
  });

  it("a refused reason says Error in the title, moves focus to it and keeps the comment as typed", async () => {
    const s = await givenSubscriber(deps, { status: "unsubscribed" });
    const session = new FormSession(app);
    await session.get(s.paths.unsubscribe);
    const bad = await session.post(s.paths.unsubscribe, {
      action: "reason",
      reason: "bogus",
      comment: "Too many <ads>",
    });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toMatch(/<title>Error: You(&#39;|')re unsubscribed · Backend Weekly<\/title>/);
    expect(html).toMatch(/class="field-error" role="alert" tabindex="-1" autofocus/);
    expect(html).toContain('value="Too many &lt;ads&gt;"');
    const ok = await session.post(s.paths.unsubscribe, { action: "reason", reason: "too_many", comment: "x" });
    expect(await ok.text()).not.toContain("Error:");
  });

  it("resubscribe changes nothing and mails a link that restores the subscription with its preferences", async () => {
    const s = await givenSubscriber(deps, { preferences: { stacks: ["elixir"] } });
    const session = new FormSession(app);
    await session.get(s.paths.unsubscribe);
    await session.post(s.paths.unsubscribe, { action: "unsubscribe" });
    await session.post(s.paths.unsubscribe, { action: "reason", reason: "too_many" });
    const res = await session.post(s.paths.unsubscribe, { action: "resubscribe" });
    expect(res.status).toBe(200);
    const html = await readPage(res);
    expect(html).toContain("Check your inbox");
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("unsubscribed");
    expect(deps.fake.accepted.map((m) => m.subject)).toEqual(["Confirm your Backend Weekly subscription"]);

    const link = linkPath(deps.fake.accepted[0]!.text!, "subscribe/choices");
    expect(await readPage(await session.get(link))).toContain("Elixir");
    const done = await readPage(await session.post(link, {}));
    expect(done).toContain("You're subscribed");
    expect(await subscriberRow(deps.db, s.id)).toMatchObject({
      status: "confirmed",
      unsubscribedAt: null,
      unsubscribeReason: null,
    });
  });

  it("someone coming back after earlier digests is welcomed back and told of their next digest, not their first", async () => {
    const s = await givenSubscriber(deps, { email: "back@example.com" });
    await givenSentDigest(deps.db, s.id, "msg-before-leaving", deps.clock.now());
    await app.request(s.paths.unsubscribe, oneClickRequest());
    const session = new FormSession(app);
    await session.get("/");
    await session.post("/subscribe", { email: "back@example.com" });
    const invite = deps.fake.accepted.at(-1)!;
    expect(invite.subject).toBe("Confirm your Backend Weekly subscription");
    // Nothing of theirs runs now, so there is nothing to "keep".
    expect(invite.text).not.toContain("keep what you have");
    expect(invite.text).toContain("Nothing starts until you press the button");

    const link = linkPath(invite.text!, "subscribe/choices");
    await session.get(link);
    const done = (await readPage(await session.post(link, {}))).replace(/\s+/g, " ");
    expect(done).toContain("Your next digest arrives");
    expect(done).not.toContain("first digest");
    const welcome = deps.fake.accepted.at(-1)!;
    expect(welcome.subject).toBe("Welcome back to Backend Weekly");
    expect(welcome.html).toContain("Welcome back to Backend Weekly");
    expect(welcome.text).toContain("Your next digest arrives");
  });

  it("an unsubscribed address gets nothing more, except the link that confirms a new explicit subscription", async () => {
    const s = await givenSubscriber(deps, { email: "una@example.com", status: "unsubscribed" });
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    await session.post(s.paths.preferences, { action: "save", stacks: "go" });
    expect(deps.fake.accepted).toHaveLength(0);
    await session.get("/");
    await session.post("/subscribe", { email: "una@example.com" });
    expect(deps.fake.accepted.map((m) => m.subject)).toEqual(["Confirm your Backend Weekly subscription"]);
  });

  it("a link whose data was deleted still answers calmly: nothing stored, nothing sent", async () => {
    const s = await givenSubscriber(deps);
    await deps.db.delete(subscribers);
    const page = await app.request(s.paths.unsubscribe);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("No data about this address is stored");
    expect((await app.request(s.paths.unsubscribe, oneClickRequest())).status).toBe(200);
  });
});
