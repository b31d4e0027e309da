import { beforeAll, describe, expect, it } from "vitest";
import { deliveries, subscribers, suppressions, webhookEvents } from "../../../db/schema";
import { createApp } from "../../../src/app";
import { emailHash } from "../../../src/subscribers/suppression";
import { FormSession } from "../../support/forms";
import { givenSentDigest, givenSubscriber, subscriberRow, svixHeaders, WEBHOOK_SECRET } from "./helpers";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";

const harness = useAppWithFakeResend({ env: { RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET } });
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

const event = (type: string, data: Record<string, unknown>) =>
  JSON.stringify({
    type,
    created_at: "2026-11-25T12:00:00.000Z",
    data: { created_at: "2026-11-25T11:59:00.000Z", from: "digest@example.com", subject: "Your digest", ...data },
  });
const post = (body: string, headers: Record<string, string> = svixHeaders(body)) =>
  app.request("/webhooks/resend", { method: "POST", body, headers });

async function snapshot() {
  return {
    subscribers: await deps.db.select().from(subscribers),
    deliveries: await deps.db.select().from(deliveries),
    suppressions: await deps.db.select().from(suppressions),
    events: await deps.db.select().from(webhookEvents),
  };
}

describe("POST /webhooks/resend", () => {
  it("rejects a bad, missing or stale signature with 400 and changes nothing", async () => {
    const s = await givenSubscriber(deps, { email: "vic@example.com" });
    await givenSentDigest(deps.db, s.id, "re_1", deps.clock.now());
    const body = event("email.bounced", {
      email_id: "re_1",
      to: ["vic@example.com"],
      bounce: { type: "Permanent", subType: "General", message: "no such user" },
    });
    const before = await snapshot();
    const wrongKey = svixHeaders(body, {
      secret: `whsec_${Buffer.from("someone-else-entirely-0123456789").toString("base64")}`,
    });
    const tampered = {
      ...svixHeaders(body),
      "svix-signature": svixHeaders(body.replace("Permanent", "Transient"))["svix-signature"]!,
    };
    const stale = svixHeaders(body, { timestamp: Math.floor(Date.now() / 1000) - 10 * 60 });
    const { "svix-signature": _s, ...unsigned } = svixHeaders(body);
    for (const headers of [wrongKey, tampered, stale, unsigned]) {
      const res = await post(body, headers);
      expect(res.status).toBe(400);
      expect(await res.json()).toEqual({
        error: { code: "BAD_REQUEST", message: "The webhook signature is missing or invalid." },
      });
    }
    expect(await snapshot()).toEqual(before);
  });

  it("says a correctly signed body that is not JSON is not JSON, not that its signature is bad", async () => {
    const body = '{"type":"email.bounced",';
    const res = await post(body);
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "BAD_REQUEST", message: "The webhook body is not JSON." } });
  });

  it("a hard bounce suppresses the address for good, marks the ledger row and stops the subscription", async () => {
    const s = await givenSubscriber(deps, { email: "vic@example.com" });
    const delivery = await givenSentDigest(deps.db, s.id, "re_1", deps.clock.now());
    const res = await post(
      event("email.bounced", {
        email_id: "re_1",
        to: ["vic@example.com"],
        bounce: { type: "Permanent", subType: "General", message: "no such user" },
      }),
    );
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ received: true, outcome: "suppressed" });
    expect(await deps.db.select().from(suppressions)).toEqual([
      {
        emailHash: await emailHash(deps.suppressionKeys, "vic@example.com"),
        keyId: expect.stringMatching(/^[0-9a-f]{16}$/),
        reason: "bounce",
        createdAt: deps.clock.now(),
      },
    ]);
    const [row] = await deps.db.select().from(deliveries);
    expect(row).toMatchObject({ id: delivery, bouncedAt: deps.clock.now(), complainedAt: null });
    expect(await subscriberRow(deps.db, s.id)).toMatchObject({
      status: "unsubscribed",
      unsubscribeReason: "auto: hard bounce",
    });
  });

  it("applies the same bounce only once when it is delivered twice", async () => {
    const s = await givenSubscriber(deps, { email: "vic@example.com" });
    await givenSentDigest(deps.db, s.id, "re_1", deps.clock.now());
    const body = event("email.bounced", {
      email_id: "re_1",
      to: ["vic@example.com"],
      bounce: { type: "Permanent", subType: "General", message: "x" },
    });
    const headers = svixHeaders(body, { id: "msg_same" });
    expect((await post(body, headers)).status).toBe(200);
    const first = await snapshot();
    deps.clock.advance(60_000);
    const again = await post(body, svixHeaders(body, { id: "msg_same" }));
    expect(again.status).toBe(200);
    expect(await again.json()).toEqual({ received: true, outcome: "duplicate" });
    expect(await snapshot()).toEqual(first);
    expect(first.events).toHaveLength(1);
  });

  it("a complaint suppresses and marks complainedAt; a soft bounce only records the event", async () => {
    const s = await givenSubscriber(deps, { email: "cat@example.com" });
    await givenSentDigest(deps.db, s.id, "re_2", deps.clock.now());
    const soft = await post(
      event("email.bounced", {
        email_id: "re_2",
        to: ["cat@example.com"],
        bounce: { type: "Transient", subType: "MailboxFull", message: "full" },
      }),
    );
    expect(await soft.json()).toEqual({ received: true, outcome: "ignored" });
    expect(await deps.db.select().from(suppressions)).toEqual([]);
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("confirmed");

    const complaint = await post(event("email.complained", { email_id: "re_2", to: ["cat@example.com"] }));
    expect(complaint.status).toBe(200);
    expect(await deps.db.select().from(suppressions)).toEqual([expect.objectContaining({ reason: "complaint" })]);
    expect((await deps.db.select().from(deliveries))[0]).toMatchObject({
      complainedAt: deps.clock.now(),
      bouncedAt: null,
    });
  });

  it("email.delivered marks the ledger row; unknown event types are accepted and ignored", async () => {
    const s = await givenSubscriber(deps);
    await givenSentDigest(deps.db, s.id, "re_3", deps.clock.now());
    expect((await post(event("email.delivered", { email_id: "re_3", to: ["x@example.com"] }))).status).toBe(200);
    expect((await deps.db.select().from(deliveries))[0]!.deliveredAt).toEqual(deps.clock.now());
    const unknown = await post(
      JSON.stringify({ type: "contact.created", created_at: "2026-11-25T12:00:00Z", data: { id: "c1" } }),
    );
    expect(unknown.status).toBe(200);
    expect(await unknown.json()).toEqual({ received: true, outcome: "ignored" });
    expect(await deps.db.select().from(suppressions)).toEqual([]);
  });

  it("a suppressed address that subscribes again sees the same page, gets no mail, and nothing stored changes", async () => {
    await post(
      event("email.bounced", {
        email_id: "re_none",
        to: ["gone@example.com"],
        bounce: { type: "Permanent", subType: "General", message: "x" },
      }),
    );
    const before = await snapshot();
    const session = new FormSession(app);
    await session.get("/");
    const res = await session.post("/subscribe", { email: "gone@example.com" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your inbox");
    expect(deps.fake.accepted).toHaveLength(0);
    expect(await snapshot()).toEqual(before);
  });

  it("a subscriber stopped by a complaint cannot resubscribe from the unsubscribed page", async () => {
    const s = await givenSubscriber(deps, { email: "cat@example.com" });
    await post(event("email.complained", { email_id: "re_x", to: ["Cat <cat@example.com>"] }));
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("unsubscribed");
    const session = new FormSession(app);
    await session.get(s.paths.unsubscribe);
    const res = await session.post(s.paths.unsubscribe, { action: "resubscribe" });
    expect(res.status).toBe(409);
    expect(await res.text()).toContain("reported as spam");
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("unsubscribed");
  });

  it("is not served when RESEND_WEBHOOK_SECRET is unset", async () => {
    const off = createApp({ ...deps, config: { ...deps.config, resendWebhookSecret: undefined } });
    const body = event("email.delivered", { email_id: "re_4" });
    const res = await off.request("/webhooks/resend", { method: "POST", body, headers: svixHeaders(body) });
    expect(res.status).toBe(404);
    expect((await res.json()).error.code).toBe("NOT_FOUND");
  });
});
