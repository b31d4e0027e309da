import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { readForm } from "../http/form";
import { MailError } from "../mail/mailer";
import { CheckInboxPage } from "../pages/confirm";
import { SubscribePage } from "../pages/subscribe";
import { hitRateLimit, SUBSCRIBE_PER_ADDRESS, SUBSCRIBE_PER_CLIENT } from "../security/rate-limit";
import { parseEmail, parsePreferences, type FieldErrors } from "../subscribers/preferences";
import { subscribe } from "../subscribers/subscribe";

/** GET / (the form) and POST /subscribe (validate, rate-limit, store, mail the confirmation). */
export const subscribeRoutes = new Hono<AppEnv>()
  .get("/", (c) => c.html(<SubscribePage csrfToken={c.var.csrfToken} />))
  // After a re-rendered form the address bar shows /subscribe: reloading it should land on the form.
  .get("/subscribe", (c) => c.redirect("/", 303))
  .post("/subscribe", async (c) => {
    const deps = c.var.deps;
    const form = await readForm(c);
    if (typeof form.website === "string" ? form.website.trim() : form.website?.length) {
      throw new AppError("SPAM_SUSPECTED", "This submission looked automated, so nothing was saved. If you are a person, please reload the page and try again.");
    }
    const client = deps.clientIp?.(c) ?? "unknown";
    const perClient = await hitRateLimit(deps.db, SUBSCRIBE_PER_CLIENT, client, deps.clock.now());
    if (!perClient.allowed) throw tooMany(perClient.retryAfterSec);

    const email = parseEmail(form.email);
    const prefs = parsePreferences(form);
    if (!email.ok || !prefs.ok) {
      const errors: FieldErrors = { ...(email.ok ? {} : { email: email.error }), ...(prefs.ok ? {} : prefs.errors) };
      const { [`_csrf`]: _drop, website: _hp, ...values } = form;
      return c.html(<SubscribePage csrfToken={c.var.csrfToken} values={values} errors={errors} />, 400);
    }
    const perAddress = await hitRateLimit(deps.db, SUBSCRIBE_PER_ADDRESS, email.value, deps.clock.now());
    if (!perAddress.allowed) throw tooMany(perAddress.retryAfterSec);

    try {
      await subscribe(deps, { email: email.value, preferences: prefs.value });
    } catch (err) {
      if (err instanceof MailError) {
        deps.log.error("subscribe.mail_failed", { kind: err.kind, message: err.message });
        throw new AppError("SERVICE_UNAVAILABLE", "We couldn't send the confirmation email just now. Nothing is lost: please try again in a few minutes.");
      }
      throw err;
    }
    return c.html(<CheckInboxPage />);
  });

function tooMany(retryAfterSec: number): AppError {
  const minutes = Math.ceil(retryAfterSec / 60);
  return new AppError("RATE_LIMITED", `Too many sign-up attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`, {
    retryAfterSec,
  });
}
