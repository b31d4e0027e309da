import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { MailError, type Mailer, type OutgoingEmail } from "../../../src/mail/mailer";
import { createResendMailer } from "../../../src/mail/transports/resend";
import { startFakeResend, type FakeResend } from "../../support/fake-resend";

// The service sends through the SDK as documented, on Node and on Workers alike: the provider's
// answers and errors arrive classified, and exactly the bytes composed are delivered.
let fake: FakeResend;
beforeAll(async () => {
  fake = await startFakeResend({ apiKeys: ["re_good"] });
});
afterAll(() => fake.close());
// Each test starts with an empty fake (no messages, keys, limits, latency or fault).
beforeEach(() => fake.reset());

const hostile = "<b>&amp;</b> \"quoted\" 'single' 🚀 emoji, עברית right-to-left, café, → arrows";
const email = (n: number, overrides: Partial<OutgoingEmail> = {}): OutgoingEmail => ({
  from: "Backend Weekly <digest@weekly.example.com>",
  to: `dev${n}@example.com`,
  subject: `Digest ${n}: ${hostile}`,
  html: `<p>${hostile}</p><p>${"x".repeat(40_000)}</p>`,
  text: `${hostile}\n${n}`,
  headers: {
    "List-Unsubscribe": "<https://weekly.example.com/unsubscribe/t>",
    "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
  },
  tags: [{ name: "kind", value: "digest" }],
  ...overrides,
});

const make = (key: string): Mailer => createResendMailer(key, fake.url);

async function mailError(p: Promise<unknown>): Promise<MailError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(MailError);
  return err as MailError;
}

describe("the Resend transport", () => {
  it("gives up on a request the provider never answers, as a network error the retries know", async () => {
    const silent = createServer(() => {}); // takes the request, never answers
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const url = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
    try {
      const mailer = createResendMailer("re_good", url, undefined, { requestTimeoutMs: 300 });
      const err = await mailError(mailer.sendBatch([email(1)], { idempotencyKey: "stalled" }));
      expect([err.kind, err.retryable]).toEqual(["network", true]);
      // Said as what happened: the SDK's own words are "the request could not be resolved".
      expect(err.message).toBe("Resend: no answer within 300 ms (timed out)");
    } finally {
      silent.closeAllConnections();
      silent.close();
    }
  });

  it("counts a refused message once when the answer lists its index twice, and refuses a malformed list", async () => {
    const answers = [
      '{"data":[{"id":"a"}],"errors":[{"index":1,"message":"bad to"},{"index":1,"message":"bad to"}]}',
      '{"data":[{"id":"a"}],"errors":[null]}',
    ];
    const odd = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end(answers.shift()),
    );
    await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
    try {
      const mailer = createResendMailer("re_good", `http://127.0.0.1:${(odd.address() as AddressInfo).port}`);
      const twice = await mailer.sendBatch([email(1), email(2)], { idempotencyKey: "twice" });
      expect(twice).toEqual({ ids: ["a", null], refused: [{ index: 1, message: "bad to" }] });
      const err = await mailError(mailer.sendBatch([email(1), email(2)], { idempotencyKey: "null-error" }));
      expect(err.kind).toBe("network");
    } finally {
      odd.close();
    }
  });

  it("takes a 200 answer without ids as a network error, not a TypeError", async () => {
    const odd = createServer((_req, res) =>
      res.writeHead(200, { "content-type": "application/json" }).end('{"data":null}'),
    );
    await new Promise<void>((resolve) => odd.listen(0, "127.0.0.1", resolve));
    try {
      const mailer = createResendMailer("re_good", `http://127.0.0.1:${(odd.address() as AddressInfo).port}`);
      const err = await mailError(mailer.sendBatch([email(1)], { idempotencyKey: "no-ids" }));
      expect([err.kind, err.message]).toEqual([
        "network",
        "Resend: a 200 answer that does not list every message's id",
      ]);
    } finally {
      odd.close();
    }
  });

  it("hands over a batch and returns the provider's ids in order, with every byte as composed", async () => {
    const mailer = make("re_good");
    const emails = [1, 2, 3].map((n) => email(n));
    const { ids } = await mailer.sendBatch(emails, { idempotencyKey: `batch` });
    const accepted = fake.accepted;
    expect(ids).toEqual(accepted.map((a) => a.id));
    expect(accepted.map((a) => [a.to, a.subject, a.html, a.text, a.headers])).toEqual(
      emails.map((e) => [[e.to], e.subject, e.html, e.text, e.headers]),
    );
  });

  it("sends the rest of a batch when the provider refuses one of its messages, and says which", async () => {
    const mailer = make("re_good");
    const emails = [email(1), email(2, { to: "someone@example-.com" }), email(3)];
    const { ids, refused } = await mailer.sendBatch(emails, { idempotencyKey: `one-refused` });
    expect(fake.accepted.map((a) => a.to)).toEqual([[emails[0]!.to], [emails[2]!.to]]);
    expect(ids).toEqual([fake.accepted[0]!.id, null, fake.accepted[1]!.id]);
    expect(refused).toEqual([{ index: 1, message: expect.stringMatching(/^Invalid `to` field/) }]);
  });

  it("delivers every byte whatever the mix: mostly 3-byte characters, then a larger ASCII body, then a small one", async () => {
    // Multi-byte characters, a large ASCII body, then a small one: each arrives intact.
    const mailer = make("re_good");
    const bodies = [`€${"€".repeat(30_000)}${hostile}`, `${hostile}${"y".repeat(200_000)}`, hostile];
    for (const [i, html] of bodies.entries()) await mailer.send(email(i, { html }), { idempotencyKey: `mix-${i}` });
    expect(fake.accepted.map((a) => a.html)).toEqual(bodies);
  });

  it("sends a single email, and the same key replays instead of sending again", async () => {
    const mailer = make("re_good");
    const first = await mailer.send(email(9), { idempotencyKey: `single` });
    const again = await mailer.send(email(9), { idempotencyKey: `single` });
    expect(again.id).toBe(first.id);
    expect(fake.accepted).toHaveLength(1);
  });

  it("reports what the provider refused as the right kind of error", async () => {
    const mailer = make("re_good");
    const invalid = await mailError(mailer.send(email(1, { to: "not an address" }), { idempotencyKey: `invalid` }));
    expect(invalid.kind).toBe("validation");
    expect(invalid.retryable).toBe(false);

    const auth = await mailError(make("re_wrong").send(email(1), { idempotencyKey: `auth` }));
    expect(auth.kind).toBe("auth");

    fake.setFault(() => "429");
    const limited = await mailError(mailer.sendBatch([email(1)], { idempotencyKey: `limited` }));
    expect(limited.kind).toBe("rate_limited");
    expect(limited.retryAfterMs).toBeGreaterThan(0);

    fake.setFault(() => "drop");
    const dropped = await mailError(mailer.send(email(1), { idempotencyKey: `dropped` }));
    expect(dropped.kind).toBe("network");
    expect(dropped.retryable).toBe(true);
  });

  it("keeps several calls apart when they are in flight together", async () => {
    const mailer = make("re_good");
    const results = await Promise.all(
      [0, 1, 2, 3].map((k) => mailer.sendBatch([email(10 + k), email(20 + k)], { idempotencyKey: `together-${k}` })),
    );
    for (const [k, { ids }] of results.entries()) {
      const accepted = ids.map((id) => fake.accepted.find((a) => a.id === id)!);
      expect(accepted.map((a) => a.to[0])).toEqual([`dev${10 + k}@example.com`, `dev${20 + k}@example.com`]);
    }
  });
});
