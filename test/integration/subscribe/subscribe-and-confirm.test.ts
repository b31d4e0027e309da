import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { preferences, subscribers } from "../../../db/schema";
import { FormSession, linkPath, readPage, withoutEchoes } from "../../support/forms";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";

const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

async function subscribeAs(email: string, extra: Record<string, string | string[]> = {}) {
  const session = new FormSession(app);
  await session.get("/");
  return session.post("/subscribe", { email, ...extra });
}

const pageText = async (res: Response) => withoutEchoes(await readPage(res));

describe("subscribe", () => {
  it("stores a pending subscriber and sends exactly one confirmation with HTML and text parts", async () => {
    const res = await subscribeAs("Ann@Example.com", {
      stacks: ["go", "python"],
      timezone: "Europe/Lisbon",
      sendHour: "9",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your inbox");

    const [row] = await deps.db
      .select()
      .from(subscribers)
      .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id));
    expect(row!.subscribers).toMatchObject({ email: "ann@example.com", status: "pending" });
    expect(row!.preferences).toMatchObject({
      stacks: ["go", "python"],
      timezone: "Europe/Lisbon",
      sendHour: 9,
      sendWeekday: 1,
      maxListings: 20,
    });

    expect(deps.fake.accepted).toHaveLength(1);
    const mail = deps.fake.accepted[0]!;
    expect(mail.to).toEqual(["ann@example.com"]);
    expect(mail.subject).toMatch(/confirm/i);
    expect(mail.html).toContain("http://localhost:3000/confirm/");
    expect(mail.text).toContain("http://localhost:3000/confirm/");
    expect(mail.text).toContain("Go, Python");
  });

  it("confirms only on POST: GET shows a button and changes nothing, POST confirms and sends the welcome", async () => {
    await subscribeAs("bob@example.com");
    const confirmPath = linkPath(deps.fake.accepted[0]!.text!, "confirm");
    const session = new FormSession(app);

    const page = await session.get(confirmPath);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Confirm my subscription");
    const [pending] = await deps.db.select().from(subscribers);
    expect(pending!.status).toBe("pending");
    expect(deps.fake.accepted).toHaveLength(1);

    const done = await session.post(confirmPath, {});
    expect(done.status).toBe(200);
    const html = await readPage(done);
    expect(html).toContain("You're subscribed");
    expect(html).toContain("any backend work");
    const [confirmed] = await deps.db.select().from(subscribers);
    expect(confirmed!.status).toBe("confirmed");
    expect(deps.fake.accepted.map((m) => m.subject)).toEqual([
      "Confirm your Backend Weekly subscription",
      "Welcome to Backend Weekly",
    ]);
    const welcome = deps.fake.accepted[1]!;
    expect(welcome.headers["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/.+>$/);
    expect(welcome.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");

    // Confirming twice changes nothing and sends no second welcome.
    const again = await session.post(confirmPath, {});
    expect(await again.text()).toContain("already confirmed");
    expect(deps.fake.accepted).toHaveLength(2);
  });

  it("an old confirm link opened after unsubscribing says so and links back to the form, changing nothing", async () => {
    await subscribeAs("dora@example.com");
    const confirmPath = linkPath(deps.fake.accepted.at(-1)!.text!, "confirm");
    const session = new FormSession(app);
    await session.get(confirmPath);
    await session.post(confirmPath, {});
    const welcome = deps.fake.accepted.at(-1)!;
    const unsubscribeUrl = /^<([^>]+)>$/.exec(welcome.headers["List-Unsubscribe"]!)![1]!;
    const oneClick = await app.request(new URL(unsubscribeUrl).pathname, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded" },
      body: "List-Unsubscribe=One-Click",
    });
    expect(oneClick.status).toBeLessThan(300);
    const sent = deps.fake.accepted.length;

    const page = await session.get(confirmPath);
    expect(page.status).toBe(200);
    const html = await readPage(page);
    expect(html).toContain("You unsubscribed");
    expect(html).toContain("dora@example.com");
    expect(html).toMatch(/<a href="\/">Subscribe again<\/a>/);
    const [row] = await deps.db.select().from(subscribers).where(eq(subscribers.email, "dora@example.com"));
    expect(row!.status).toBe("unsubscribed");
    expect(deps.fake.accepted).toHaveLength(sent);
  });

  it("a second subscribe with a confirmed address mails the new choices' link and a manage link, and shows the same page", async () => {
    const first = await subscribeAs("cleo@example.com");
    const firstPage = await pageText(first);
    const session = new FormSession(app);
    await session.get(linkPath(deps.fake.accepted[0]!.text!, "confirm"));
    await session.post(linkPath(deps.fake.accepted[0]!.text!, "confirm"), {});

    const second = await subscribeAs("cleo@example.com", { stacks: "rust" });
    expect(second.status).toBe(200);
    expect(await pageText(second)).toBe(firstPage);
    const manage = deps.fake.accepted.at(-1)!;
    expect(manage.subject).toBe("Use your new Backend Weekly choices?");
    expect(manage.text).toContain("http://localhost:3000/preferences/");
    expect(manage.text).toContain("http://localhost:3000/subscribe/choices/");
    // Sent to a subscriber who gets the digest: one click stops it, as from every other such email.
    expect(manage.headers["List-Unsubscribe"]).toMatch(/^<http:\/\/localhost:3000\/unsubscribe\/.+>$/);
    expect(manage.headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
    const [row] = await deps.db.select().from(preferences);
    expect(row!.stacks).toEqual([]); // unchanged by the second form
  });

  it("answers a new address and an existing pending one with the same page", async () => {
    const a = await pageText(await subscribeAs("dan@example.com"));
    const b = await pageText(await subscribeAs("dan@example.com"));
    const c = await pageText(await subscribeAs("erin@example.com"));
    expect(a).toBe(b);
    expect(b).toBe(c);
  });
});

describe("internationalised addresses", () => {
  it("stores a domain written in Unicode in its ASCII form and sends the confirmation there", async () => {
    const res = await subscribeAs("Ana@Bücher.de");
    expect(await res.text()).toContain("Check your inbox");
    const rows = await deps.db.select({ email: subscribers.email }).from(subscribers);
    expect(rows.map((r) => r.email)).toContain("ana@xn--bcher-kva.de");
    expect(deps.fake.accepted.at(-1)!.to).toEqual(["ana@xn--bcher-kva.de"]);
  });

  it.each(["ñame@example.com", "ana@bücher.de/x", "ana@bü cher.de"])(
    "refuses %j with the usual message",
    async (email) => {
      const res = await subscribeAs(email);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("Enter a valid email address");
    },
  );
});

describe("bad input gets a clear 4xx and stores nothing", () => {
  async function expectNothingStored() {
    const [{ n }] = (await deps.db.select({ n: count() }).from(subscribers)) as [{ n: number }];
    expect(n).toBe(0);
    expect(deps.fake.accepted).toHaveLength(0);
  }

  it.each([
    ["", "Enter your email address."],
    ["not-an-email", "Enter a valid email address"],
    ["a@b", "Enter a valid email address"],
    [`${"x".repeat(250)}@example.com`, "too long"],
  ])("rejects the address %j and re-renders the form with the message and the values kept", async (email, message) => {
    const res = await subscribeAs(email, { stacks: ["go"], mustHave: "kafka" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain(message);
    expect(html).toContain("<title>Error: Remote backend jobs, once a week · Backend Weekly</title>");
    expect(html).toMatch(/value="go" checked/);
    expect(html).toContain('value="kafka"');
    await expectNothingStored();
  });

  it("rejects values outside the lists with a message per field", async () => {
    const res = await subscribeAs("fay@example.com", {
      stacks: "cobol",
      sendHour: "25",
      timezone: "Mars/Olympus",
      maxListings: "500",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("Choose stacks from the list.");
    expect(html).toContain("Choose an hour between 0 and 23.");
    expect(html).toContain("Choose a timezone from the list.");
    expect(html).toContain("Listings per email must be between 1 and 50.");
    await expectNothingStored();
  });

  it("rejects oversized fields", async () => {
    const tooManyKeywords = await subscribeAs("gil@example.com", {
      mustHave: Array.from({ length: 30 }, (_, i) => `k${i}`).join(","),
    });
    expect(tooManyKeywords.status).toBe(400);
    expect(await tooManyKeywords.text()).toContain("At most 20 must-have keyword entries.");
    const huge = await subscribeAs("gil@example.com", { excludeKeywords: "x".repeat(100_000) });
    expect(huge.status).toBe(413);
    expect(await huge.text()).toContain("too large");
    await expectNothingStored();
  });

  it("rejects a form without the CSRF token, or with another session's token", async () => {
    const session = new FormSession(app);
    await session.get("/");
    const missing = await session.post("/subscribe", { email: "hal@example.com" }, { csrf: null });
    expect(missing.status).toBe(403);
    expect(await missing.text()).toContain("reload the page");

    const other = new FormSession(app);
    await other.get("/");
    const foreign = await session.post(
      "/subscribe",
      { email: "hal@example.com" },
      { csrf: other.csrf.replace(/^./, "A") === other.csrf ? "B" + other.csrf.slice(1) : "A" + other.csrf.slice(1) },
    );
    expect(foreign.status).toBe(403);
    await expectNothingStored();
  });

  it("rejects a form posted from another site", async () => {
    const session = new FormSession(app);
    await session.get("/");
    const res = await app.request("/subscribe", {
      method: "POST",
      body: new URLSearchParams({ _csrf: session.csrf, email: "ivy@example.com" }),
      headers: { origin: "https://evil.example", "content-type": "application/x-www-form-urlencoded" },
    });
    expect(res.status).toBe(403);
    await expectNothingStored();
  });

  it("answers a filled honeypot exactly as a sign-up, storing and mailing nothing", async () => {
    const bot = await subscribeAs("jay@example.com", { website: "http://spam.example", stacks: "go" });
    expect(bot.status).toBe(200);
    const botPage = await pageText(bot);
    expect(botPage).toContain("Check your inbox");
    expect(botPage).not.toMatch(/automated|honeypot|could not be understood/i);
    await expectNothingStored();
    expect(await deps.db.select().from(preferences)).toHaveLength(0);
    // A person's sign-up gets the same page, but for the address they typed (issue: a bot learns nothing).
    const person = await subscribeAs("kim@example.com", { stacks: "go" });
    expect(await pageText(person)).toBe(botPage);
    expect(deps.fake.accepted.map((m) => m.to[0])).toEqual(["kim@example.com"]);
  });

  it("does not count a form it sends back for a fix against the limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await subscribeAs("not-an-address")).status);
    expect(statuses).toEqual(Array(11).fill(400));
    expect((await subscribeAs("fixed@example.com")).status).toBe(200);
  });

  it("charges a 'Did you mean' answer, which counts matches, to the live count's budget", async () => {
    const counted = async (prefix: string) =>
      (await deps.database.client.execute(`SELECT count FROM rate_limits WHERE key LIKE '${prefix}%'`)).rows.map((r) =>
        Number(r.count),
      );
    expect((await subscribeAs("ann@gmial.con")).status).toBe(200);
    expect({ count: await counted("match-count:client"), signUp: await counted("subscribe:client") }).toEqual({
      count: [1],
      signUp: [],
    });
  });

  it("limits a burst from one client, and repeated requests for one address", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 12; i++) statuses.push((await subscribeAs(`burst${i}@example.com`)).status);
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    const limited = await subscribeAs("burst-last@example.com");
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect(await limited.text()).toContain("Too many sign-up attempts");
    expect(
      await deps.db.select().from(subscribers).where(eq(subscribers.email, "burst-last@example.com")),
    ).toHaveLength(0);

    await deps.database.client.execute("DELETE FROM rate_limits WHERE key LIKE 'subscribe:client:%'");
    const perAddress: number[] = [];
    for (let i = 0; i < 4; i++) {
      perAddress.push((await subscribeAs("same@example.com")).status);
      await deps.database.client.execute("DELETE FROM rate_limits WHERE key LIKE 'subscribe:client:%'");
    }
    expect(perAddress).toEqual([200, 200, 200, 429]);
    expect(deps.fake.accepted.filter((m) => m.to[0] === "same@example.com")).toHaveLength(3);
  });
});

describe("links", () => {
  it("answers a tampered, truncated or wrong-purpose token with a clear 4xx page", async () => {
    await subscribeAs("kim@example.com");
    const confirmPath = linkPath(deps.fake.accepted[0]!.text!, "confirm");
    const tampered = confirmPath.slice(0, -3) + (confirmPath.endsWith("AAA") ? "BBB" : "AAA");
    for (const path of [tampered, confirmPath.slice(0, -10), "/confirm/garbage"]) {
      const res = await app.request(path);
      expect(res.status).toBe(400);
      expect(await res.text()).toContain("This link is not valid");
    }
    const [row0] = await deps.db.select().from(subscribers);
    const manageToken = await deps.signer.sign("manage", row0!.id);
    const wrong = await app.request(`/confirm/${manageToken}`);
    expect(wrong.status).toBe(400);

    expect(await readPage(wrong)).toContain("This is a link to your preferences, not a confirmation link.");
    const [row] = await deps.db.select().from(subscribers);
    expect(row!.status).toBe("pending");
  });

  it("shows a 404 page for unknown paths and a JSON health check", async () => {
    const missing = await app.request("/no-such-page");
    expect(missing.status).toBe(404);
    expect(await missing.text()).toContain("There is nothing at this address.");
    const health = await app.request("/healthz");
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({ status: "ok" });
    const metrics = await app.request("/metrics");
    expect(metrics.headers.get("content-type")).toContain("text/plain");
    const body = await metrics.text();
    expect(body).toContain("# TYPE backend_weekly_subscribers gauge");
    expect(body).not.toContain("@");
  });
});
