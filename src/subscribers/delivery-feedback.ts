import { and, eq, isNull, ne } from "drizzle-orm";
import { inJsonList } from "../../db/json-list";
import type { BatchItem } from "drizzle-orm/batch";
import { z } from "zod";
import { deliveries, subscribers, webhookEvents } from "../../db/schema";
import type { Deps } from "../deps";
import { parseEmail } from "./email-address";
import { suppressStatements } from "./suppression";

/** The part of a Resend webhook event we use; anything else in it is ignored. */
export const DeliveryEventSchema = z.object({
  type: z.string().min(1).max(100),
  data: z
    .object({
      email_id: z.string().max(200).optional(),
      to: z.union([z.array(z.string()), z.string()]).optional(),
      bounce: z.object({ type: z.string().optional(), subType: z.string().optional() }).passthrough().optional(),
    })
    .passthrough()
    .default({}),
});
export type DeliveryEvent = z.infer<typeof DeliveryEventSchema>;

/**
 * Hard bounces suppress; soft ones do not. Resend reports bounces with SES's vocabulary
 * (`bounce.type` "Permanent" | "Transient" | "Undetermined"); older payloads carry only a message,
 * and Resend documents `email.bounced` as a permanent rejection, so a missing type counts as hard.
 */
export function isHardBounce(event: DeliveryEvent): boolean {
  const type = event.data.bounce?.type?.trim().toLowerCase();
  return type === undefined || type === "" || type === "permanent" || type === "hard";
}

export type FeedbackOutcome = "duplicate" | "suppressed" | "delivered" | "ignored";

/**
 * Applies one verified Resend event, at most once per svix-id (a replay, or two deliveries of one
 * event racing, changes nothing the second time: the event row and its effects are one batch).
 * - hard `email.bounced` / `email.complained`: suppresses every recipient for good, marks the
 *   ledger row (bouncedAt / complainedAt) and unsubscribes the subscriber;
 * - `email.delivered`: marks the ledger row's deliveredAt;
 * - anything else (soft bounces, opens, unknown types): recorded and ignored.
 */
export async function applyDeliveryEvent(
  deps: Pick<Deps, "db" | "clock" | "log" | "suppressionKeys">,
  input: { svixId: string; event: DeliveryEvent },
): Promise<FeedbackOutcome> {
  const { db } = deps;
  const { event, svixId } = input;
  const now = deps.clock.now();
  if (
    (await db.select({ id: webhookEvents.svixId }).from(webhookEvents).where(eq(webhookEvents.svixId, svixId))).length
  )
    return "duplicate";

  const record = db.insert(webhookEvents).values({ svixId, type: event.type, receivedAt: now });
  const emailId = event.data.email_id;
  const byMessage = emailId ? eq(deliveries.providerMessageId, emailId) : undefined;
  let outcome: FeedbackOutcome = "ignored";
  const writes: BatchItem<"sqlite">[] = [];

  const complaint = event.type === "email.complained";
  if (complaint || (event.type === "email.bounced" && isHardBounce(event))) {
    outcome = "suppressed";
    const addresses = await recipients(deps, event);
    writes.push(
      ...(await suppressStatements(db, deps.suppressionKeys, addresses, complaint ? "complaint" : "bounce", now)),
    );
    if (addresses.length) {
      writes.push(
        db
          .update(subscribers)
          .set({
            status: "unsubscribed",
            unsubscribedAt: now,
            pausedUntil: null,
            updatedAt: now,
            unsubscribeReason: complaint ? "auto: complaint" : "auto: hard bounce",
          })
          .where(and(inJsonList(subscribers.email, addresses), ne(subscribers.status, "unsubscribed"))),
      );
    }
    if (byMessage) {
      const mark = complaint ? { complainedAt: now } : { bouncedAt: now };
      writes.push(
        db
          .update(deliveries)
          .set(mark)
          .where(and(byMessage, isNull(complaint ? deliveries.complainedAt : deliveries.bouncedAt))),
      );
    }
  } else if (event.type === "email.delivered" && byMessage) {
    outcome = "delivered";
    writes.push(
      db
        .update(deliveries)
        .set({ deliveredAt: now })
        .where(and(byMessage, isNull(deliveries.deliveredAt))),
    );
  }

  try {
    await db.batch([record, ...writes]);
  } catch (err) {
    // Another request applied the same event between our check and this batch.
    if (/UNIQUE|PRIMARY KEY/i.test(String((err as Error).message ?? err))) return "duplicate";
    throw err;
  }
  deps.log.info("webhook.applied", { svixId, type: event.type, outcome });
  return outcome;
}

/** The recipients of the event, plus the subscriber its ledger row belongs to (normalised). */
async function recipients(deps: Pick<Deps, "db">, event: DeliveryEvent): Promise<string[]> {
  const to = event.data.to === undefined ? [] : Array.isArray(event.data.to) ? event.data.to : [event.data.to];
  const found = new Set(
    to.map((t) => parseEmail(t.match(/<([^<>]+)>/)?.[1] ?? t)).flatMap((r) => (r.ok ? [r.value] : [])),
  );
  if (event.data.email_id) {
    const rows = await deps.db
      .select({ email: subscribers.email })
      .from(deliveries)
      .innerJoin(subscribers, eq(subscribers.id, deliveries.subscriberId))
      .where(eq(deliveries.providerMessageId, event.data.email_id));
    for (const r of rows) found.add(r.email);
  }
  return [...found];
}
