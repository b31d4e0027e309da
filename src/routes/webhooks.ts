import { Hono } from "hono";
import { Resend } from "resend";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { applyDeliveryEvent, DeliveryEventSchema } from "../subscribers/delivery-feedback";

const badSignature = () => new AppError("BAD_REQUEST", "The webhook signature is missing or invalid.");

/**
 * POST /webhooks/resend — delivery feedback from Resend, only when RESEND_WEBHOOK_SECRET is set
 * (404 otherwise). The Svix signature is checked on the raw body by the Resend SDK (which also
 * rejects timestamps more than 5 minutes off: 400, like any bad signature); an event already
 * applied (same svix-id) is acknowledged and ignored. Unknown event types are accepted.
 */
export const webhookRoutes = new Hono<AppEnv>()
  // Off for every method without the secret: a 405 (http/method-not-allowed.ts) would say it is there.
  .use("/webhooks/resend", async (c, next) => {
    if (!c.var.deps.config.resendWebhookSecret) throw new AppError("NOT_FOUND", "There is nothing at this address.");
    await next();
  })
  .post("/webhooks/resend", async (c) => {
    const { deps } = c.var;
    const secret = deps.config.resendWebhookSecret!;

    const id = c.req.header("svix-id");
    const timestamp = c.req.header("svix-timestamp");
    const signature = c.req.header("svix-signature");
    if (!id || !timestamp || !signature || id.length > 200) throw badSignature();
    const payload = await c.req.text();
    let verified: unknown;
    try {
      // Only the verifier is used: no API call is made, so no real key is needed.
      verified = new Resend(deps.config.resendApiKey ?? "re_webhook_verification_only").webhooks.verify({
        payload,
        headers: { id, timestamp, signature },
        webhookSecret: secret,
      });
    } catch (err) {
      // The verifier parses the body only once the signature matched: a signed body that is not JSON.
      if (err instanceof SyntaxError) throw new AppError("BAD_REQUEST", "The webhook body is not JSON.");
      deps.log.warn("webhook.rejected", { requestId: c.var.requestId });
      throw badSignature();
    }
    const event = DeliveryEventSchema.safeParse(verified);
    if (!event.success) throw new AppError("VALIDATION_FAILED", "The event has no type or a malformed data object.");
    const outcome = await applyDeliveryEvent(deps, { svixId: id, event: event.data });
    return c.json({ received: true, outcome });
  });
