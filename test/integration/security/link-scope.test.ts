import { beforeAll, describe, expect, it } from "vitest";
import { preferences } from "../../../db/schema";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession, linkPath, readPage, withoutEchoes } from "../../support/forms";
import { givenSubscriber, oneClickRequest, subscriberRow } from "../manage/helpers";

// Issue 16.3: an unsubscribe link (it travels in List-Unsubscribe, which providers see) does one
// thing, and knowing an address is not enough to change what it gets.
const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

/** Nothing on a page may lead past unsubscribing: no manage token, no preferences, data or digest link. */
function expectNothingMore(html: string, manageToken: string) {
  expect(html).not.toContain(manageToken);
  expect(html).not.toContain(manageToken.split(".")[2]!);
  expect(html).not.toMatch(/\/(preferences|my-data|digest|confirm|subscribe\/choices)\//);
}

async function stacksOf(id: string) {
  const rows = await deps.db.select().from(preferences);
  return rows.find((r) => r.subscriberId === id)!.stacks;
}

describe("the unsubscribe link", () => {
  it("shows nothing that grants more, on any of its pages", async () => {
    const s = await givenSubscriber(deps);
    const session = new FormSession(app);
    const pages = [await session.get(s.paths.unsubscribe)];
    pages.push(await session.post(s.paths.unsubscribe, { action: "unsubscribe" }));
    pages.push(await session.get(s.paths.unsubscribe));
    pages.push(await session.post(s.paths.unsubscribe, { action: "reason", reason: "too_many" }));
    pages.push(await session.post(s.paths.unsubscribe, { action: "reason", reason: "<bad>" }));
    pages.push(await app.request(s.paths.unsubscribe, oneClickRequest()));
    pages.push(await session.post(s.paths.unsubscribe, { action: "resubscribe" }));
    for (const page of pages) expectNothingMore(await page.text(), s.links.tokens.manage);
  });

  it("resubscribing from it changes nothing until the link mailed to the address is followed", async () => {
    const s = await givenSubscriber(deps, { status: "unsubscribed", preferences: { stacks: ["rust"] } });
    const session = new FormSession(app);
    await session.get(s.paths.unsubscribe);
    const res = await session.post(s.paths.unsubscribe, { action: "resubscribe" });
    expect(res.status).toBe(200);
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("unsubscribed");
    expect(deps.fake.accepted).toHaveLength(1);
    const mail = deps.fake.accepted[0]!;
    expect(mail.to).toEqual([(await subscriberRow(deps.db, s.id))!.email]);

    const link = linkPath(mail.text!, "subscribe/choices");
    const page = await readPage(await session.get(link)); // a scanner following it changes nothing
    expect(page).toContain("Rust");
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("unsubscribed");
    await session.post(link, {});
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("confirmed");
    expect(await stacksOf(s.id)).toEqual(["rust"]);
  });

  it("never turns a pending subscriber into a confirmed one", async () => {
    const s = await givenSubscriber(deps, { status: "pending" });
    const session = new FormSession(app);
    await session.get(s.paths.unsubscribe);
    for (const action of ["resubscribe", "unsubscribe", "resubscribe"])
      await session.post(s.paths.unsubscribe, { action });
    expect((await subscriberRow(deps.db, s.id))!.status).not.toBe("confirmed");
    expect((await subscriberRow(deps.db, s.id))!.confirmedAt).toBeNull();
  });

  it("is no manage token, and an apply link is not one either", async () => {
    const s = await givenSubscriber(deps);
    expect((await app.request(s.paths.unsubscribe.replace("/unsubscribe/", "/preferences/"))).status).toBe(400);
    expect((await app.request(`/my-data/${s.links.tokens.unsubscribe}`)).status).toBe(400);
    expect(s.links.tokens.manage).not.toContain(s.links.tokens.unsubscribe.split(".")[2]!);
  });
});

describe("subscribing again to a known address", () => {
  async function subscribeAs(email: string, fields: Record<string, string | string[]>) {
    const session = new FormSession(app);
    await session.get("/");
    const res = await session.post("/subscribe", { email, ...fields });
    return withoutEchoes(await readPage(res));
  }

  it.each(["confirmed", "pending", "unsubscribed"] as const)(
    "(%s) keeps its filters and mails a link that applies the new ones when followed",
    async (status) => {
      const s = await givenSubscriber(deps, {
        email: `known-${status}@example.com`,
        status,
        preferences: { stacks: ["java"] },
      });
      const before = await subscriberRow(deps.db, s.id);
      const known = await subscribeAs(`known-${status}@example.com`, { stacks: ["go", "rust"] });
      const fresh = await subscribeAs(`fresh-${status}@example.com`, { stacks: ["go"] });
      expect(known).toBe(fresh); // the same page for every address

      expect(await stacksOf(s.id)).toEqual(["java"]);
      expect(await subscriberRow(deps.db, s.id)).toEqual(before);
      const mail = deps.fake.accepted.find((m) => m.to[0] === `known-${status}@example.com`)!;
      expect(mail.text).toContain(`http://localhost:3000${s.paths.preferences}`);
      const link = linkPath(mail.text!, "subscribe/choices");

      const session = new FormSession(app);
      const page = await readPage(await session.get(link));
      expect(page).toContain("Go, Rust");
      expect(await stacksOf(s.id)).toEqual(["java"]);
      expect((await session.post(link, {})).status).toBe(200);
      expect(await stacksOf(s.id)).toEqual(["go", "rust"]);
      expect((await subscriberRow(deps.db, s.id))!.status).toBe("confirmed");
      // Used once: a second press changes nothing more.
      expect((await session.post(link, {})).status).toBe(400);
    },
  );

  it("an apply link stops working after 7 days", async () => {
    const s = await givenSubscriber(deps, { email: "late@example.com", preferences: { stacks: ["java"] } });
    await subscribeAs("late@example.com", { stacks: ["go"] });
    const link = linkPath(deps.fake.accepted.at(-1)!.text!, "subscribe/choices");
    deps.clock.advance(7 * 24 * 3600_000 + 60_000);
    const session = new FormSession(app);
    expect((await session.get(link)).status).toBe(400);
    await session.get("/");
    expect((await session.post(link, {})).status).toBe(400);
    expect(await stacksOf(s.id)).toEqual(["java"]);
  });
});
