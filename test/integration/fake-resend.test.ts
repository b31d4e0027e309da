import { Resend, type CreateBatchOptions, type CreateEmailOptions } from "resend";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  KEY_TTL_MS,
  randomFaults,
  startFakeResend,
  type FakeResend,
  type FakeResendOptions,
  type FaultRequest,
} from "../support/fake-resend";

// Every case drives the fake through the real SDK, as the mail transport will.
const running: FakeResend[] = [];
afterEach(async () => {
  vi.unstubAllEnvs();
  await Promise.all(running.splice(0).map((fake) => fake.close()));
});

async function start(options: FakeResendOptions = {}) {
  const fake = await startFakeResend(options);
  running.push(fake);
  return { fake, resend: new Resend("re_test", { baseUrl: fake.url }) };
}

/** A clock tests move by hand; frozen unless advanced. */
function manualClock(start = Date.UTC(2026, 0, 5, 8)) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}

function email(n = 1, overrides: Record<string, unknown> = {}): CreateEmailOptions {
  return {
    from: "Backend Weekly <digest@backendweekly.example>",
    to: `dev${n}@example.com`,
    subject: `Your digest #${n}`,
    html: `<p>digest ${n}</p>`,
    text: `digest ${n}`,
    ...overrides,
  } as CreateEmailOptions;
}
const batchOf = (count: number, overrides: Record<string, unknown> = {}) =>
  Array.from({ length: count }, (_, i) => email(i + 1, overrides)) as CreateBatchOptions;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

describe("accepting mail", () => {
  it("a single email is answered with an id and recorded with its parsed fields", async () => {
    const { fake, resend } = await start();
    const { data, error } = await resend.emails.send(
      email(1, {
        to: ["ana@example.com", "Bo <bo@example.com>"],
        cc: "cc@example.com",
        replyTo: "reply@example.com",
        headers: {
          "List-Unsubscribe": "<https://bw.example/unsubscribe/T>",
          "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        },
        tags: [{ name: "kind", value: "weekly_digest" }],
      }),
      { idempotencyKey: "digest/1" },
    );

    expect(error).toBeNull();
    expect(data?.id).toMatch(UUID);
    expect(fake.accepted).toHaveLength(1);
    expect(fake.accepted[0]).toMatchObject({
      id: data?.id,
      endpoint: "/emails",
      requestIndex: 0,
      batchIndex: null,
      idempotencyKey: "digest/1",
      from: "Backend Weekly <digest@backendweekly.example>",
      to: ["ana@example.com", "Bo <bo@example.com>"],
      cc: ["cc@example.com"],
      replyTo: ["reply@example.com"],
      subject: "Your digest #1",
      headers: { "List-Unsubscribe-Post": "List-Unsubscribe=One-Click" },
      tags: [{ name: "kind", value: "weekly_digest" }],
    });
    expect(fake.requests).toMatchObject([{ index: 0, path: "/emails", status: 200, acceptedIds: [data?.id] }]);
  });

  it("a batch is answered with one id per email, in request order", async () => {
    const { fake, resend } = await start();
    const { data, error } = await resend.batch.send(batchOf(3));

    expect(error).toBeNull();
    expect(data?.data.map((d) => d.id)).toEqual(fake.accepted.map((e) => e.id));
    expect(fake.accepted.map((e) => [e.batchIndex, e.to])).toEqual([
      [0, ["dev1@example.com"]],
      [1, ["dev2@example.com"]],
      [2, ["dev3@example.com"]],
    ]);
  });

  it("the SDK reaches the fake through RESEND_BASE_URL as well", async () => {
    const { fake } = await start();
    vi.stubEnv("RESEND_BASE_URL", fake.url);
    const { error } = await new Resend("re_from_env").emails.send(email());
    expect(error).toBeNull();
    expect(fake.accepted).toHaveLength(1);
  });
});

describe("authentication", () => {
  it("a request without an API key gets 401 missing_api_key", async () => {
    const { fake } = await start();
    const response = await fetch(`${fake.url}/emails`, { method: "POST", body: JSON.stringify(email()) });
    expect(response.status).toBe(401);
    expect(await response.json()).toMatchObject({ statusCode: 401, name: "missing_api_key" });
    expect(fake.accepted).toEqual([]);
  });

  it("a key that is not a Resend key gets 403 invalid_api_key", async () => {
    const { fake } = await start();
    const { error } = await new Resend("sk_live_nope", { baseUrl: fake.url }).emails.send(email());
    expect(error).toMatchObject({ statusCode: 403, name: "invalid_api_key" });
    expect(fake.accepted).toEqual([]);
  });
});

describe("field validation", () => {
  const cases: [string, Record<string, unknown>, string, RegExp][] = [
    ["a missing subject", { subject: undefined }, "missing_required_field", /^The `subject` field is missing\.$/],
    ["a missing to", { to: undefined }, "missing_required_field", /^The `to` field is missing\.$/],
    ["neither html nor text", { html: undefined, text: undefined }, "missing_required_field", /`html` or `text`/],
    ["a from that is not an address", { from: "Backend Weekly" }, "validation_error", /^Invalid `from` field/],
    [
      "a from on a dotless domain",
      { from: "Backend Weekly <digest@localhost>" },
      "validation_error",
      /^Invalid `from` field/,
    ],
    ["a malformed recipient", { to: ["ok@example.com", "not-an-address"] }, "validation_error", /^Invalid `to` field/],
    [
      "51 recipients",
      { to: Array.from({ length: 51 }, (_, i) => `r${i}@example.com`) },
      "validation_error",
      /maximum is 50/,
    ],
    ["a malformed cc", { cc: "nope" }, "validation_error", /^Invalid `cc` field/],
    ["a malformed reply-to", { replyTo: ["x@"] }, "validation_error", /^Invalid `reply_to` field/],
    ["a header value that is not a string", { headers: { "X-Count": 3 } }, "validation_error", /`headers`.*strings/],
    [
      "a header value with a line break",
      { headers: { "X-Evil": "a\r\nBcc: x@example.com" } },
      "validation_error",
      /line break/,
    ],
    ["a tag name with a space", { tags: [{ name: "email kind", value: "digest" }] }, "validation_error", /tag name/],
    ["a tag value with a dot", { tags: [{ name: "kind", value: "v1.2" }] }, "validation_error", /value `v1\.2`/],
    ["a tag name over 256 chars", { tags: [{ name: "a".repeat(257), value: "x" }] }, "validation_error", /tag name/],
  ];

  it.each(cases)("%s is rejected with 422 and nothing is accepted", async (_case, overrides, name, message) => {
    const { fake, resend } = await start();
    const { data, error } = await resend.emails.send(email(1, overrides));
    expect(data).toBeNull();
    expect(error).toMatchObject({ statusCode: 422, name });
    expect(error?.message).toMatch(message);
    expect(fake.accepted).toEqual([]);
  });

  it("an attachment without content or path is rejected as invalid_attachment", async () => {
    const { resend } = await start();
    const { error } = await resend.emails.send(email(1, { attachments: [{ filename: "a.txt" }] }));
    expect(error).toMatchObject({ statusCode: 422, name: "invalid_attachment" });
  });
});

describe("batch validation", () => {
  it("101 emails in one batch are rejected with a clear message and none is accepted", async () => {
    const { fake, resend } = await start();
    const { error } = await resend.batch.send(batchOf(101));
    expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(error?.message).toMatch(/maximum is 100 per request, got 101/);
    expect(fake.accepted).toEqual([]);
  });

  it("100 emails in one batch are accepted", async () => {
    const { fake, resend } = await start();
    const { data } = await resend.batch.send(batchOf(100));
    expect(data?.data).toHaveLength(100);
    expect(fake.accepted).toHaveLength(100);
  });

  it("strict mode (the SDK's default) rejects the whole batch for one invalid email", async () => {
    const { fake, resend } = await start();
    const emails = batchOf(3);
    emails[1] = { ...emails[1], to: "broken" } as CreateBatchOptions[number];
    const { error } = await resend.batch.send(emails);
    expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(error?.message).toMatch(/^Invalid `to` field.*index 1/);
    expect(fake.accepted).toEqual([]);
  });

  it("permissive mode accepts the valid emails and lists the invalid ones by index", async () => {
    const { fake, resend } = await start();
    const emails = batchOf(3);
    emails[2] = { ...emails[2], subject: "" } as CreateBatchOptions[number];
    const { data, error } = await resend.batch.send(emails, { batchValidation: "permissive" });
    expect(error).toBeNull();
    expect(data?.data).toHaveLength(2);
    expect(data?.errors).toEqual([{ index: 2, message: "The `subject` field is missing." }]);
    expect(fake.accepted.map((e) => e.batchIndex)).toEqual([0, 1]);
  });

  it.each([
    ["attachments", { attachments: [{ filename: "a.txt", content: "aGk=" }] }],
    ["scheduled_at", { scheduledAt: "2026-01-06T08:00:00Z" }],
  ])("%s is refused on the batch endpoint", async (field, overrides) => {
    const { fake, resend } = await start();
    const { error } = await resend.batch.send(batchOf(2, overrides));
    expect(error).toMatchObject({ statusCode: 422, name: "validation_error" });
    expect(error?.message).toContain(`\`${field}\` field is not supported`);
    expect(fake.accepted).toEqual([]);
  });
});

describe("idempotency keys", () => {
  it("the same key and body replay the stored answer: same ids, recorded once", async () => {
    const { fake, resend } = await start();
    const first = await resend.batch.send(batchOf(2), { idempotencyKey: "digest/2026-W02/batch-1" });
    const again = await resend.batch.send(batchOf(2), { idempotencyKey: "digest/2026-W02/batch-1" });

    expect(again.data?.data).toEqual(first.data?.data);
    expect(fake.accepted).toHaveLength(2);
    expect(fake.requests.map((r) => [r.status, r.replayed])).toEqual([
      [200, false],
      [200, true],
    ]);
  });

  it("the same key with a different body gets 409 invalid_idempotent_request", async () => {
    const { fake, resend } = await start();
    await resend.emails.send(email(1), { idempotencyKey: "welcome/1" });
    const { error } = await resend.emails.send(email(1, { subject: "Changed" }), { idempotencyKey: "welcome/1" });
    expect(error).toMatchObject({ statusCode: 409, name: "invalid_idempotent_request" });
    expect(fake.accepted).toHaveLength(1);
  });

  it("a second request with a key still in flight gets 409 concurrent_idempotent_requests", async () => {
    const { fake, resend } = await start({ latencyMs: 300 });
    const answers = await Promise.all([
      resend.emails.send(email(), { idempotencyKey: "welcome/2" }),
      resend.emails.send(email(), { idempotencyKey: "welcome/2" }),
    ]);
    // Whichever arrives second is the one refused.
    const outcomes = answers.map((a) => (a.error ? `${a.error.statusCode} ${a.error.name}` : "accepted"));
    expect(outcomes.sort()).toEqual(["409 concurrent_idempotent_requests", "accepted"]);
    expect(fake.accepted).toHaveLength(1);
  });

  it("a key longer than 256 characters gets 400 invalid_idempotency_key", async () => {
    const { resend } = await start();
    const { error } = await resend.emails.send(email(), { idempotencyKey: "k".repeat(257) });
    expect(error).toMatchObject({ statusCode: 400, name: "invalid_idempotency_key" });
  });

  it("a key is kept for 24 hours of the server's clock, then the same request is new", async () => {
    const clock = manualClock();
    const { fake, resend } = await start({ now: clock.now });
    const first = await resend.emails.send(email(), { idempotencyKey: "digest/7" });

    clock.advance(KEY_TTL_MS - 1);
    const withinDay = await resend.emails.send(email(), { idempotencyKey: "digest/7" });
    clock.advance(1);
    const nextDay = await resend.emails.send(email(), { idempotencyKey: "digest/7" });

    expect(withinDay.data?.id).toBe(first.data?.id);
    expect(nextDay.data?.id).toMatch(UUID);
    expect(nextDay.data?.id).not.toBe(first.data?.id);
    expect(fake.accepted).toHaveLength(2);
  });

  it("a request that failed validation stores nothing under its key", async () => {
    const { fake, resend } = await start();
    await resend.emails.send(email(1, { to: "broken" }), { idempotencyKey: "confirm/3" });
    const { error } = await resend.emails.send(email(1), { idempotencyKey: "confirm/3" });
    expect(error).toBeNull();
    expect(fake.accepted).toHaveLength(1);
  });
});

describe("rate limit and quota", () => {
  it("over the rate limit answers 429 rate_limit_exceeded with retry-after and ratelimit headers", async () => {
    const clock = manualClock();
    const { fake, resend } = await start({ now: clock.now, ratePerSecond: 2 });
    const ok = await resend.emails.send(email(1));
    await resend.emails.send(email(2));
    const limited = await resend.emails.send(email(3));

    expect(ok.headers).toMatchObject({ "ratelimit-limit": "2", "ratelimit-remaining": "1" });
    expect(limited.error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(limited.headers).toMatchObject({ "retry-after": "1", "ratelimit-limit": "2", "ratelimit-remaining": "0" });
    expect(fake.accepted).toHaveLength(2);

    clock.advance(1000);
    expect((await resend.emails.send(email(3))).error).toBeNull();
  });

  it("over the daily quota answers 429 daily_quota_exceeded without retry-after, until 24 hours pass", async () => {
    const clock = manualClock();
    const { fake, resend } = await start({ now: clock.now, dailyQuota: 3 });
    await resend.emails.send(email(1, { to: ["a@example.com", "b@example.com"] }));
    const over = await resend.emails.send(email(2, { to: ["c@example.com", "d@example.com"] }));

    expect(over.error).toMatchObject({ statusCode: 429, name: "daily_quota_exceeded" });
    expect(over.headers?.["retry-after"]).toBeUndefined();
    expect(over.headers?.["x-resend-daily-quota"]).toBe("2");
    expect(fake.accepted).toHaveLength(1);

    clock.advance(KEY_TTL_MS);
    expect((await resend.emails.send(email(2, { to: ["c@example.com", "d@example.com"] }))).error).toBeNull();
  });
});

describe("fault injection", () => {
  it('"500" answers internal_server_error and accepts nothing', async () => {
    const { fake, resend } = await start({ fault: () => "500" });
    const { error } = await resend.batch.send(batchOf(2));
    expect(error).toMatchObject({ statusCode: 500, name: "internal_server_error" });
    expect(fake.accepted).toEqual([]);
  });

  it('"429" answers rate_limit_exceeded with a retry-after even without a configured limit', async () => {
    const { fake, resend } = await start({ fault: () => "429" });
    const { error, headers } = await resend.emails.send(email());
    expect(error).toMatchObject({ statusCode: 429, name: "rate_limit_exceeded" });
    expect(headers?.["retry-after"]).toBe("1");
    expect(fake.accepted).toEqual([]);
  });

  it('"drop" closes the connection unanswered: the SDK reports a network error and nothing is accepted', async () => {
    const { fake, resend } = await start({ fault: () => "drop" });
    const { data, error } = await resend.emails.send(email(), { idempotencyKey: "digest/9" });
    expect(data).toBeNull();
    expect(error).toMatchObject({ name: "application_error", statusCode: null });
    expect(fake.accepted).toEqual([]);
    expect(fake.requests).toMatchObject([{ status: null, fault: "drop" }]);
  });

  it('"accept-then-drop" loses the answer of an accepted email; the retry with its key replays it', async () => {
    const { fake, resend } = await start();
    fake.setFault(({ attempt }) => (attempt === 1 ? "accept-then-drop" : "none"));
    const lost = await resend.batch.send(batchOf(2), { idempotencyKey: "digest/2026-W02/batch-9" });
    expect(lost.error).toMatchObject({ name: "application_error", statusCode: null });
    expect(fake.accepted).toHaveLength(2);

    const retry = await resend.batch.send(batchOf(2), { idempotencyKey: "digest/2026-W02/batch-9" });
    expect(retry.data?.data.map((d) => d.id)).toEqual(fake.accepted.map((e) => e.id));
    expect(fake.accepted).toHaveLength(2);
  });

  it("the hook sees path, parsed body, key and attempt, so it can fail only a first try", async () => {
    const { fake, resend } = await start();
    const seen: FaultRequest[] = [];
    fake.setFault((req) => {
      seen.push(req);
      return req.attempt === 1 ? "500" : "none";
    });
    const first = await resend.emails.send(email(), { idempotencyKey: "welcome/5" });
    const second = await resend.emails.send(email(), { idempotencyKey: "welcome/5" });

    expect(first.error?.statusCode).toBe(500);
    expect(second.error).toBeNull();
    expect(seen.map((r) => [r.path, r.idempotencyKey, r.attempt])).toEqual([
      ["/emails", "welcome/5", 1],
      ["/emails", "welcome/5", 2],
    ]);
    expect(seen[0]?.body).toMatchObject({ to: "dev1@example.com" });
  });

  it("randomFaults fails a share of calls at random, the same calls for the same seed", async () => {
    const { fake, resend } = await start();
    const run = async () => {
      fake.reset();
      fake.setFault(randomFaults({ seed: 42, probability: 0.3, kinds: ["500", "drop"] }));
      for (let n = 0; n < 40; n += 1) await resend.emails.send(email(n));
      return fake.requests.map((r) => r.fault);
    };
    const first = await run();
    const failed = first.filter((f) => f !== "none").length;

    expect(await run()).toEqual(first);
    expect(failed).toBeGreaterThanOrEqual(6);
    expect(failed).toBeLessThanOrEqual(20);
    expect(new Set(first)).toEqual(new Set(["none", "500", "drop"]));
    expect(fake.accepted).toHaveLength(40 - failed);
  });
});

describe("bad input and housekeeping", () => {
  it("a body over 40 MB gets 413", async () => {
    const { fake, resend } = await start();
    const { error } = await resend.emails.send(email(1, { html: "x".repeat(41 * 1024 * 1024) }));
    expect(error).toMatchObject({ statusCode: 413 });
    expect(fake.accepted).toEqual([]);
  });

  it("non-JSON, wrong shapes, unknown paths and methods get Resend errors, and the server keeps serving", async () => {
    const { fake, resend } = await start();
    const post = (path: string, body: string, method = "POST") =>
      fetch(`${fake.url}${path}`, {
        method,
        body: method === "GET" ? undefined : body,
        headers: { authorization: "Bearer re_test" },
      });

    expect(await (await post("/emails", "{not json")).json()).toMatchObject({
      statusCode: 400,
      name: "validation_error",
    });
    expect((await post("/emails", "[1,2]")).status).toBe(422);
    expect((await post("/emails/batch", '{"to":"a@example.com"}')).status).toBe(422);
    expect((await post("/emails/batch", "[]")).status).toBe(422);
    expect((await post("/emails/batch", "[null]")).status).toBe(422);
    expect((await post("/domains", "{}")).status).toBe(404);
    expect((await post("/emails", "", "GET")).status).toBe(405);
    expect((await resend.emails.send(email())).error).toBeNull();
  });

  it("bodies are read as UTF-8 whatever their bytes: non-ASCII as sent, escaped as unescaped, bad bytes as U+FFFD", async () => {
    const { fake, resend } = await start();
    const hostile = "Ünïcødé – café 🚀 שלום <&> \u200c\ufeff";
    expect((await resend.emails.send(email(1, { subject: hostile, text: hostile }))).error).toBeNull();
    const send = (bytes: Buffer) =>
      fetch(`${fake.url}/emails`, {
        method: "POST",
        body: new Uint8Array(bytes),
        headers: { authorization: "Bearer re_test" },
      });
    const json = (subject: string, ascii: boolean) => {
      const raw = JSON.stringify(email(2, { subject }));
      return ascii
        ? raw.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)
        : raw;
    };
    expect((await send(Buffer.from(json(hostile, true)))).status).toBe(200);
    // "café" with its é cut to a lone lead byte: the strict decoder's replacement, not a rejection.
    const [before, after] = json("caf\u0000!", false).split("\\u0000");
    expect((await send(Buffer.concat([Buffer.from(before!), Buffer.from([0xc3]), Buffer.from(after!)]))).status).toBe(
      200,
    );
    expect(fake.accepted.map((e) => e.subject)).toEqual([hostile, hostile, "caf\ufffd!"]);
    expect(fake.accepted[0]!.text).toBe(hostile);
  });

  it("with onAccepted, accepted emails go to it as they are accepted, and the list stays empty", async () => {
    const taken: string[] = [];
    const { fake, resend } = await start({ onAccepted: (e) => taken.push(`${e.to[0]} ${e.batchIndex}`) });
    expect((await resend.batch.send(batchOf(2))).error).toBeNull();
    expect((await resend.emails.send(email(3))).error).toBeNull();
    expect(taken).toEqual(["dev1@example.com 0", "dev2@example.com 1", "dev3@example.com null"]);
    expect(fake.accepted).toEqual([]);
  });

  it("reset forgets accepted mail, requests and idempotency keys", async () => {
    const { fake, resend } = await start();
    const before = await resend.emails.send(email(), { idempotencyKey: "digest/11" });
    fake.reset();
    expect(fake.accepted).toEqual([]);
    expect(fake.requests).toEqual([]);

    const after = await resend.emails.send(email(), { idempotencyKey: "digest/11" });
    expect(after.data?.id).not.toBe(before.data?.id);
    expect(fake.accepted).toHaveLength(1);
  });
});
