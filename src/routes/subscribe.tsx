import { Hono } from "hono";
import { runAfterAnswer } from "../background";
import type { AppEnv, Deps } from "../deps";
import { AppError } from "../errors";
import { readForm } from "../http/form";
import { MailError } from "../mail/mailer";
import { CheckInboxPage } from "../pages/confirm";
import { SubscribePage } from "../pages/subscribe";
import { addressLimitKey, clientKeyOf, hitRateLimit, SUBSCRIBE_PER_ADDRESS, SUBSCRIBE_PER_CLIENT } from "../security/rate-limit";
import { parseEmail, parsePreferences, type FieldErrors, type Preferences } from "../subscribers/preferences";
import { subscribe } from "../subscribers/subscribe";
import { newChoicesRoutes } from "./new-choices";

/** The same words as any request we cannot read: a bot learns nothing about what it tripped. */
const NOT_UNDERSTOOD = "That request could not be understood. Please reload the page and try again.";

/**
 * GET / (the form) and POST /subscribe (validate, rate-limit, answer, then store and mail).
 * Everything that depends on the address's state (new, known, pending, suppressed) runs after
 * the answer through Deps.background, so the answer is the same page after the same work.
 */
export const subscribeRoutes = new Hono<AppEnv>()
  .get("/", (c) => c.html(<SubscribePage csrfToken={c.var.csrfToken} />))
  // After a re-rendered form the address bar shows /subscribe: reloading it should land on the form.
  .get("/subscribe", (c) => c.redirect("/", 303))
  .post("/subscribe", async (c) => {
    const deps = c.var.deps;
    const form = await readForm(c);
    if (typeof form.website === "string" ? form.website.trim() : form.website?.length) {
      throw new AppError("BAD_REQUEST", NOT_UNDERSTOOD); // the honeypot
    }
    const perClient = await hitRateLimit(deps.db, SUBSCRIBE_PER_CLIENT, clientKeyOf(c, deps), deps.clock.now());
    if (!perClient.allowed) throw tooMany(perClient.retryAfterSec);

    const email = parseEmail(form.email);
    const prefs = parsePreferences(form);
    if (!email.ok || !prefs.ok) {
      const errors: FieldErrors = { ...(email.ok ? {} : { email: email.error }), ...(prefs.ok ? {} : prefs.errors) };
      const { [`_csrf`]: _drop, website: _hp, ...values } = form;
      return c.html(<SubscribePage csrfToken={c.var.csrfToken} values={values} errors={errors} />, 400);
    }
    const perAddress = await hitRateLimit(deps.db, SUBSCRIBE_PER_ADDRESS, addressLimitKey(email.value), deps.clock.now());
    if (!perAddress.allowed) throw tooMany(perAddress.retryAfterSec);

    runAfterAnswer(c, deps.background, deps.log, "subscribe", () => subscribeLogged(deps, email.value, prefs.value));
    return c.html(<CheckInboxPage />);
  })
  .route("/", newChoicesRoutes);

/** The subscribe verb after the answer: a mail that could not be handed over is logged (no address). */
async function subscribeLogged(deps: Deps, email: string, preferences: Preferences): Promise<void> {
  try {
    await subscribe(deps, { email, preferences });
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    deps.log.error("subscribe.mail_failed", { kind: err.kind });
  }
}

export function tooMany(retryAfterSec: number): AppError {
  const minutes = Math.ceil(retryAfterSec / 60);
  return new AppError("RATE_LIMITED", `Too many sign-up attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`, {
    retryAfterSec,
  });
}
