import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { requireJsonType } from "../http/json-type";
import {
  addressLimitKey,
  clientKeyOf,
  hitRateLimit,
  SUBSCRIBE_PER_ADDRESS,
  SUBSCRIBE_PER_CLIENT,
} from "../security/rate-limit";
import { suggestUnlessKept } from "../subscribers/email-typo";
import { jsonToForm } from "../subscribers/json-form";
import { parseEmail } from "../subscribers/email-address";
import { parsePreferences } from "../subscribers/preferences";
import { subscribeAfterAnswer } from "../subscribers/subscribe-after-answer";
import { isHoneypotFilled, tooMany } from "./subscribe";

/**
 * POST /api/subscribe: the embeddable form's endpoint (README "Embed the form on your site").
 * The same steps, in the same order, as POST /subscribe: validation, typo check (issue 18.4: a
 * 422 EMAIL_TYPO with the suggestion, nothing stored or mailed, unless `keepEmail` says the
 * address is meant), per-client and per-address limits, then the subscribe verb after the answer
 * (not for a filled honeypot), so every address (new, known, suppressed) and a bot get the same
 * 202. No CSRF token: JSON is the guard (requireJsonType), and CORS (embedCors by
 * ALLOWED_ORIGINS, installed in app.ts before the body limit) decides which other sites' pages
 * may call it from a browser.
 */
export const apiSubscribeRoutes = new Hono<AppEnv>().post("/api/subscribe", async (c) => {
  const deps = c.var.deps;
  // Only JSON: a cross-site HTML form can send urlencoded, multipart or text/plain, never this without CORS.
  requireJsonType(c, "Send the sign-up as JSON, with the header Content-Type: application/json.");
  const form = jsonToForm(await readJson(c.req.raw));
  if (!form.ok) throw new AppError("VALIDATION_FAILED", form.message);
  // The HTML form keeps the first of repeated fields; JSON has no such accident, so a list is a mistake.
  const email = Array.isArray(form.value.email)
    ? ({ ok: false, error: "Send one email address, as a string." } as const)
    : parseEmail(form.value.email);
  const prefs = parsePreferences(form.value);
  if (!email.ok || !prefs.ok) {
    const fields = { ...(email.ok ? {} : { email: email.error }), ...(prefs.ok ? {} : prefs.errors) };
    const message = Object.values(fields).join(" ");
    // The contract's code and message, plus each field's message for a form that shows them in place.
    return c.json({ error: { code: "VALIDATION_FAILED", message, fields } }, 400);
  }
  const suggestion = suggestUnlessKept(email.value, form.value.keepEmail);
  if (suggestion) {
    return c.json({ error: { code: "EMAIL_TYPO", message: `Did you mean ${suggestion}?`, suggestion } }, 422);
  }
  // Counted only for a sign-up we can act on, as the HTML form does (routes/subscribe.tsx).
  const perClient = await hitRateLimit(deps.db, SUBSCRIBE_PER_CLIENT, clientKeyOf(c, deps), deps.clock.now());
  if (!perClient.allowed) throw tooMany(perClient.retryAfterSec);
  const perAddress = await hitRateLimit(deps.db, SUBSCRIBE_PER_ADDRESS, addressLimitKey(email.value), deps.clock.now());
  if (!perAddress.allowed) throw tooMany(perAddress.retryAfterSec);

  // The honeypot: answered as any sign-up, nothing stored or mailed (isHoneypotFilled).
  if (isHoneypotFilled(form.value.website)) deps.log.info("subscribe.honeypot", { requestId: c.var.requestId });
  else subscribeAfterAnswer(c, deps, email.value, prefs.value);
  const message = `Almost done: we've sent an email to ${email.value}. Open it and press the button inside to confirm. Nothing else will be sent until you do.`;
  return c.json({ status: "check_inbox", email: email.value, message }, 202);
});

async function readJson(req: Request): Promise<unknown> {
  const text = await req.text(); // over the app's body limit this throws its 413
  try {
    return JSON.parse(text);
  } catch {
    throw new AppError("BAD_REQUEST", "The body is not valid JSON.");
  }
}
