import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { preferences, subscribers } from "../../../db/schema";
import { suppressStatements } from "../../../src/subscribers/suppression";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession } from "../../support/forms";
import { givenSubscriber } from "../../support/subscriber-factory";

// Issue 18.11: POST /api/subscribe for the embeddable form, CORS by ALLOWED_ORIGINS.
const EMBED = "https://jobs.example.org";
const harness = useAppWithFakeResend({ env: { ALLOWED_ORIGINS: `${EMBED}, https://other-board.example` } });
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

function post(body: unknown, headers: Record<string, string> = {}) {
  return app.request("/api/subscribe", {
    method: "POST",
    body: typeof body === "string" ? body : JSON.stringify(body),
    headers: { "content-type": "application/json", origin: EMBED, ...headers },
  });
}

describe("POST /api/subscribe", () => {
  it("answers 202 with CORS for an allowed origin, stores a pending subscriber and mails one confirmation", async () => {
    const res = await post({
      email: "Ann@Example.com",
      stacks: ["go", "rust"],
      sendHour: 9,
      includeNoSalary: false,
      timezone: "Europe/Lisbon",
    });
    expect(res.status).toBe(202);
    expect(res.headers.get("access-control-allow-origin")).toBe(EMBED);
    expect(res.headers.get("vary")).toMatch(/origin/i);
    const body = await res.json();
    expect(body).toMatchObject({ status: "check_inbox", email: "ann@example.com" });
    expect(body.message).toMatch(/confirm/);

    const [row] = await deps.db
      .select()
      .from(subscribers)
      .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id));
    expect(row!.subscribers).toMatchObject({ email: "ann@example.com", status: "pending" });
    expect(row!.preferences).toMatchObject({
      stacks: ["go", "rust"],
      sendHour: 9,
      includeNoSalary: false,
      timezone: "Europe/Lisbon",
    });
    expect(deps.fake.accepted).toHaveLength(1);
    expect(deps.fake.accepted[0]!.subject).toMatch(/confirm/i);
    expect(deps.fake.accepted[0]!.text).toContain("http://localhost:3000/confirm/");
  });

  it("answers a preflight from an allowed origin with the CORS headers, and from any other origin without them", async () => {
    const preflight = (origin: string) =>
      app.request("/api/subscribe", {
        method: "OPTIONS",
        headers: { origin, "access-control-request-method": "POST", "access-control-request-headers": "content-type" },
      });
    const allowed = await preflight(EMBED);
    expect(allowed.status).toBe(204);
    expect(allowed.headers.get("access-control-allow-origin")).toBe(EMBED);
    expect(allowed.headers.get("access-control-allow-methods")).toBe("POST");
    expect(allowed.headers.get("access-control-allow-headers")?.toLowerCase()).toBe("content-type");

    const other = await preflight("https://evil.example");
    expect(other.status).toBe(403);
    for (const [name] of other.headers) expect(name).not.toMatch(/^access-control-/);
  });

  it("refuses another origin's POST with a JSON 403, no CORS headers, and nothing stored or mailed", async () => {
    const res = await post({ email: "ann@example.com" }, { origin: "https://evil.example" });
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("ORIGIN_NOT_ALLOWED");
    for (const [name] of res.headers) expect(name).not.toMatch(/^access-control-/);
    expect(await deps.db.select().from(subscribers)).toHaveLength(0);
    expect(deps.fake.accepted).toHaveLength(0);
  });

  it("serves this site itself and callers without an Origin (servers, curl) without CORS headers", async () => {
    for (const headers of [{ origin: "http://localhost:3000" }, { origin: "" }]) {
      const res = await post({ email: `x${headers.origin.length}@example.com` }, headers);
      expect(res.status).toBe(202);
      expect(res.headers.get("access-control-allow-origin")).toBeNull();
    }
  });

  it("answers bad JSON, a non-object, a nested value and invalid fields with a JSON 400 naming the problem", async () => {
    const bad = await post("{email: nope");
    expect(bad.status).toBe(400);
    expect(await bad.json()).toEqual({ error: { code: "BAD_REQUEST", message: "The body is not valid JSON." } });
    expect(bad.headers.get("access-control-allow-origin")).toBe(EMBED); // the embedding page can read why

    expect((await (await post(["ann@example.com"])).json()).error.code).toBe("VALIDATION_FAILED");
    const nested = await (await post({ email: "ann@example.com", stacks: { go: true } })).json();
    expect(nested.error.message).toContain('"stacks"');

    const invalid = await post({ email: "not an address", stacks: ["cobol"], sendHour: 25 });
    expect(invalid.status).toBe(400);
    const body = await invalid.json();
    expect(body.error.code).toBe("VALIDATION_FAILED");
    expect(Object.keys(body.error.fields).sort()).toEqual(["email", "sendHour", "stacks"]);
    expect(body.error.message).toContain(body.error.fields.sendHour);
    expect(await deps.db.select().from(subscribers)).toHaveLength(0);
    expect(deps.fake.accepted).toHaveLength(0);
  });

  it("takes whole numbers in plain digits only: '0x10', '1e1', '+3' or [5] are refused, not read as 16, 10, 3, 5", async () => {
    for (const [field, value] of [
      ["maxListings", "0x10"],
      ["sendHour", "1e1"],
      ["sendWeekday", "+3"],
      ["sendHour", [5]],
      ["maxListings", "Infinity"],
      ["sendHour", "-0"],
    ] as const) {
      const res = await post({ email: "ann@example.com", [field]: value });
      expect(res.status, `${field}=${JSON.stringify(value)}`).toBe(400);
      expect(Object.keys((await res.json()).error.fields)).toEqual([field]);
    }
    expect(await deps.db.select().from(subscribers)).toHaveLength(0);
    const plain = await post({ email: "ann@example.com", maxListings: "16", sendHour: 10, sendWeekday: " 3 " });
    expect(plain.status).toBe(202);
  });

  it("drops half characters and U+FFFD from typed keywords, which could never match", async () => {
    const res = await post(
      '{"email":"bea@example.com","mustHave":"go\\ud800lang, \\udfff, rust","excludeKeywords":"\uFFFD"}',
    );
    expect(res.status).toBe(202);
    const [row] = await deps.db
      .select()
      .from(preferences)
      .innerJoin(subscribers, eq(preferences.subscriberId, subscribers.id))
      .where(eq(subscribers.email, "bea@example.com"));
    expect(row!.preferences).toMatchObject({ mustHaveKeywords: ["golang", "rust"], excludedKeywords: [] });
  });

  it("answers a mistyped common domain with a 422 EMAIL_TYPO and its suggestion, storing and mailing nothing", async () => {
    const res = await post({ email: "carol@gmial.con", stacks: ["go"] });
    expect(res.status).toBe(422);
    expect(res.headers.get("access-control-allow-origin")).toBe(EMBED); // the embedding page can show it
    expect(await res.json()).toEqual({
      error: { code: "EMAIL_TYPO", message: "Did you mean carol@gmail.com?", suggestion: "carol@gmail.com" },
    });
    // A keep for another address, or a false one, says nothing about this one.
    for (const keepEmail of [false, "dave@gmial.con"]) {
      expect((await post({ email: "carol@gmial.con", keepEmail })).status).toBe(422);
    }
    expect(await deps.db.select().from(subscribers)).toHaveLength(0);
    expect(deps.fake.accepted).toHaveLength(0);
  });

  it("refuses a list of addresses with a 400 instead of quietly taking the first", async () => {
    const res = await post({ email: ["a@example.com", "b@example.com"] });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({
      error: { code: "VALIDATION_FAILED", fields: { email: "Send one email address, as a string." } },
    });
  });

  /** Each address is a 400 naming the email field, and nothing is stored or mailed. */
  async function expectRefused(emails: string[]) {
    for (const email of emails) {
      const res = await post({ email });
      expect({ email, status: res.status }).toEqual({ email, status: 400 });
      expect(await res.json()).toMatchObject({
        error: { code: "VALIDATION_FAILED", fields: { email: "Enter a valid email address, like name@example.com." } },
      });
    }
    expect(await deps.db.select().from(subscribers)).toHaveLength(0);
    expect(deps.fake.accepted).toHaveLength(0);
  }

  it("refuses an xn-- label that is empty or not real Punycode, as any invalid address, storing nothing", async () => {
    // Empty, not Punycode, an ASCII name in disguise ("abc"), a control character (U+0080), an empty TLD.
    await expectRefused(["a@xn--.com", "a@xn--zz.com", "a@xn--abc-.com", "a@xn--a.com", "a@xn--bcher-kva.xn--"]);
  });

  it("refuses a name over 64 characters or a domain label over 63 (SMTP's limits), storing nothing", async () => {
    await expectRefused([`${"a".repeat(65)}@example.com`, `a@${"b".repeat(64)}.com`, `a@x.${"c".repeat(64)}`]);
    for (const email of [`${"a".repeat(64)}@example.com`, `a@${"b".repeat(63)}.com`])
      expect({ email, status: (await post({ email })).status }).toEqual({ email, status: 202 });
  });

  it("refuses a domain label that ends in a hyphen, which the provider refuses, storing nothing", async () => {
    await expectRefused(["typo@example-.com", "a@sub-.example.com"]);
    expect((await post({ email: "a@ex-ample.com" })).status).toBe(202);
  });

  it("keeps taking real internationalised domains, in Unicode or in their xn-- form", async () => {
    for (const email of ["ana@xn--bcher-kva.de", "bo@XN--FA-HIA.de", "cy@sub.xn--80ak6aa92e.com", "di@Bücher.de"]) {
      expect({ email, status: (await post({ email })).status }).toEqual({ email, status: 202 });
    }
    const stored = (await deps.db.select({ email: subscribers.email }).from(subscribers)).map((r) => r.email);
    expect(stored.sort()).toEqual([
      "ana@xn--bcher-kva.de",
      "bo@xn--fa-hia.de",
      "cy@sub.xn--80ak6aa92e.com",
      "di@xn--bcher-kva.de",
    ]);
  });

  it("takes a short domain of its own as typed: no typo suggestion for li@163.com", async () => {
    expect((await post({ email: "li@163.com" })).status).toBe(202);
  });

  it("subscribes a flagged address as typed when keepEmail is true or names it, and the suggestion when sent", async () => {
    const sent = [
      await post({ email: "carol@gmial.con", keepEmail: true }),
      await post({ email: "Dave@Gmial.con", keepEmail: "dave@gmial.con" }),
      await post({ email: "carol@gmail.com" }),
    ];
    expect(sent.map((r) => r.status)).toEqual([202, 202, 202]);
    expect((await sent[0]!.json()).email).toBe("carol@gmial.con");
    expect(deps.fake.accepted.map((m) => m.to[0]).sort()).toEqual([
      "carol@gmail.com",
      "carol@gmial.con",
      "dave@gmial.con",
    ]);
  });

  it("accepts only JSON: a form or text/plain body (what a cross-site HTML form can send) gets a 415", async () => {
    for (const type of ["application/x-www-form-urlencoded", "text/plain", "multipart/form-data; boundary=x"]) {
      const res = await post("email=ann%40example.com", { "content-type": type });
      expect(res.status).toBe(415);
      expect((await res.json()).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
    expect(
      (await post({ email: "ann@example.com" }, { "content-type": "application/json; charset=utf-8" })).status,
    ).toBe(202);
  });

  it("refuses an oversized body, with or without Content-Length, with a JSON 413 the embedding page can read", async () => {
    const big = JSON.stringify({ email: "ann@example.com", mustHave: ["x".repeat(100 * 1024)] });
    const chunked = new ReadableStream({
      start(controller) {
        controller.enqueue(new TextEncoder().encode(big));
        controller.close();
      },
    });
    for (const body of [big, chunked]) {
      const res = await app.request("/api/subscribe", {
        method: "POST",
        body,
        headers: { "content-type": "application/json", origin: EMBED },
        ...(typeof body === "string" ? {} : { duplex: "half" }),
      } as RequestInit);
      expect(res.status).toBe(413);
      expect(res.headers.get("access-control-allow-origin")).toBe(EMBED);
      expect((await res.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
    }
    expect(await deps.db.select().from(subscribers)).toHaveLength(0);
  });

  it("rate-limits per client and per address, as the HTML form does", async () => {
    const perAddress = [];
    for (let i = 0; i < 4; i++) perAddress.push((await post({ email: `carol+${i}@example.com` })).status);
    expect(perAddress).toEqual([202, 202, 202, 429]);
    const statuses = [];
    for (let i = 0; i < 8; i++) statuses.push((await post({ email: `dan${i}@example.com` })).status);
    expect(statuses.slice(0, 6)).toEqual(Array(6).fill(202));
    const limited = await post({ email: "erin@example.com" });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toMatch(/^\d+$/);
    expect((await limited.json()).error.code).toBe("RATE_LIMITED");
  });

  it("counts only sign-ups it can act on: ten mistakes leave room for the corrected one", async () => {
    const mistakes = [];
    for (let i = 0; i < 10; i++) mistakes.push((await post({ email: "oops" })).status);
    for (let i = 0; i < 2; i++) mistakes.push((await post({ email: "frank@gmial.con" })).status);
    expect(mistakes).toEqual([...Array(10).fill(400), 422, 422]);
    expect((await post({ email: "frank@example.com" })).status).toBe(202);
  });

  it("answers a filled honeypot as a sign-up (202), storing and mailing nothing", async () => {
    const res = await post({ email: "bot@example.com", website: "http://spam.example" });
    expect(res.status).toBe(202);
    const body = await res.json();
    const person = await (await post({ email: "pia@example.com" })).json();
    expect(body).toEqual({ ...person, email: "bot@example.com", message: person.message.replace("pia@", "bot@") });
    expect((await deps.db.select().from(subscribers)).map((s) => s.email)).toEqual(["pia@example.com"]);
    expect(deps.fake.accepted.map((m) => m.to[0])).toEqual(["pia@example.com"]);
  });

  it("answers new, confirmed, pending and suppressed addresses alike; the known ones get mail, the suppressed none", async () => {
    const now = deps.clock.now();
    await givenSubscriber(deps.db, now, { email: "confirmed@example.com" });
    await givenSubscriber(deps.db, now, { email: "pending@example.com", status: "pending" });
    await givenSubscriber(deps.db, now, { email: "bounced@example.com" });
    for (const s of await suppressStatements(deps.db, deps.suppressionKeys, ["bounced@example.com"], "bounce", now))
      await s;
    const answers = [];
    for (const email of ["new@example.com", "confirmed@example.com", "pending@example.com", "bounced@example.com"]) {
      const res = await post({ email, stacks: ["go"] });
      answers.push({ status: res.status, body: (await res.json()).message.replace(email, "ADDRESS") });
    }
    for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
    expect(deps.fake.accepted.map((m) => m.to[0]).sort()).toEqual([
      "confirmed@example.com",
      "new@example.com",
      "pending@example.com",
    ]);
  });
});

describe("the embedded form without JavaScript: POST /subscribe", () => {
  const form = (origin?: string) =>
    app.request("/subscribe", {
      method: "POST",
      body: new URLSearchParams({ email: "fay@example.com", website: "" }),
      headers: { "content-type": "application/x-www-form-urlencoded", ...(origin ? { origin } : {}) },
    });

  it("needs no CSRF token when the browser says it comes from an allowed site", async () => {
    const res = await form(EMBED);
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your inbox");
    expect(deps.fake.accepted.map((m) => m.to[0])).toEqual(["fay@example.com"]);
  });

  it("still needs the token from any other site, or with no Origin", async () => {
    expect((await form("https://evil.example")).status).toBe(403);
    expect((await form()).status).toBe(403);
    expect(deps.fake.accepted).toHaveLength(0);
    // The site's own form is unchanged: with its token it works.
    const session = new FormSession(app);
    await session.get("/");
    expect((await session.post("/subscribe", { email: "gus@example.com" })).status).toBe(200);
  });
});
