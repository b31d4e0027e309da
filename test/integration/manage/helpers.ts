import { createHmac } from "node:crypto";
import { eq } from "drizzle-orm";
import { deliveries, deliveryContents, subscribers } from "../../../db/schema";
import type { Db } from "../../../db/client";
import type { Config } from "../../../src/config";
import { packMessage } from "../../../src/digest/stored-message";
import { subscriberLinks } from "../../../src/subscribers/links";
import type { LinkSigner } from "../../../src/security/tokens";
import type { Preferences } from "../../../src/subscribers/preferences";
import { givenSubscriber as givenStoredSubscriber } from "../../support/subscriber-factory";

export const WEBHOOK_SECRET = `whsec_${Buffer.from("backend-weekly-test-webhook-key!").toString("base64")}`;

/** Stores a subscriber directly (the shared factory) and returns its id and signed links. */
export async function givenSubscriber(
  deps: { db: Db; config: Config; signer: LinkSigner; clock: { now(): Date } },
  opts: {
    email?: string;
    status?: "pending" | "confirmed" | "unsubscribed";
    preferences?: Partial<Preferences>;
    pausedUntil?: Date | null;
  } = {},
) {
  const { preferences: prefs, ...rest } = opts;
  const { id } = await givenStoredSubscriber(deps.db, deps.clock.now(), { ...rest, prefs });
  const links = await subscriberLinks(deps, id);
  const path = (url: string) => new URL(url).pathname;
  return {
    id,
    links,
    paths: {
      preferences: path(links.preferences),
      unsubscribe: path(links.unsubscribe),
      confirm: path(links.confirm),
      data: `/my-data/${links.tokens.manage}`,
    },
  };
}

/** A sent digest in the ledger, with one mailed listing and its stored message, as the digest run would leave it. */
export async function givenSentDigest(
  db: Db,
  subscriberId: string,
  providerMessageId: string,
  at: Date,
  key?: string,
  period = "2026-W47",
) {
  const id = crypto.randomUUID();
  const idempotencyKey = key ?? `digest-batch:${id}`;
  await db.insert(deliveries).values({
    id,
    subscriberId,
    kind: "digest",
    period,
    status: "sent",
    createdAt: at,
    updatedAt: at,
    composedAt: at,
    attempts: 1,
    idempotencyKey,
    providerMessageId,
    sentAt: at,
    listingIds: ["listing-1"],
    fingerprints: ["fp-1"],
    totalMatches: 1,
  });
  const message = await packMessage({
    to: "someone@example.com",
    from: "digest@example.com",
    subject: "1 new remote role",
    html: "<p>Backend Engineer</p>",
    text: "Backend Engineer",
  });
  await db
    .insert(deliveryContents)
    .values({ deliveryId: id, matchedListingIds: ["listing-1"], message: Buffer.from(message) });
  return id;
}

export async function subscriberRow(db: Db, id: string) {
  return (await db.select().from(subscribers).where(eq(subscribers.id, id)))[0];
}

/** Signs a webhook body the way Svix does: base64 HMAC-SHA256 of "id.timestamp.body" with the decoded secret. */
export function svixHeaders(
  body: string,
  opts: { id?: string; timestamp?: number; secret?: string } = {},
): Record<string, string> {
  const id = opts.id ?? `msg_${crypto.randomUUID()}`;
  const timestamp = String(opts.timestamp ?? Math.floor(Date.now() / 1000));
  const key = Buffer.from((opts.secret ?? WEBHOOK_SECRET).slice("whsec_".length), "base64");
  const signature = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest("base64");
  return {
    "svix-id": id,
    "svix-timestamp": timestamp,
    "svix-signature": `v1,${signature}`,
    "content-type": "application/json",
  };
}

/** A one-click unsubscribe exactly as a mail client sends it: form body, no cookies, no Origin, no CSRF token. */
export function oneClickRequest(): RequestInit {
  return {
    method: "POST",
    body: "List-Unsubscribe=One-Click",
    headers: { "content-type": "application/x-www-form-urlencoded" },
  };
}
