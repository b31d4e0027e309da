import { Hono, type Context } from "hono";
import { runAfterAnswer } from "../background";
import type { AppEnv, Deps } from "../deps";
import { AppError } from "../errors";
import { readForm } from "../http/form";
import { MailError } from "../mail/mailer";
import { CheckInboxPage } from "../pages/confirm";
import { SubscribePage, type SubscribePageProps } from "../pages/subscribe";
import {
  addressLimitKey,
  clientKeyOf,
  hitRateLimit,
  MATCH_COUNT_PER_CLIENT,
  SUBSCRIBE_PER_ADDRESS,
  SUBSCRIBE_PER_CLIENT,
} from "../security/rate-limit";
import { parseEmail } from "../subscribers/email-address";
import { suggestUnlessKept } from "../subscribers/email-typo";
import { countMatches, employerTypesInPool, explainEmpty } from "../subscribers/match-count";
import { DEFAULT_PREFERENCES, parsePreferences, type FieldErrors, type Preferences } from "../subscribers/preferences";
import { subscribe } from "../subscribers/subscribe";
import { countFor, formValues, lastValue, type FormServices } from "./form-services";
import { newChoicesRoutes } from "./new-choices";
import { sampleRoutes } from "./sample";

/**
 * Whether the hidden `website` field (a person never sees it) was filled: a bot. Such a sign-up
 * is answered exactly as a real one (same checks, limits and page), and nothing is stored or
 * mailed, so the bot learns nothing about what it tripped.
 */
export const isHoneypotFilled = (website: string | string[] | undefined): boolean =>
  typeof website === "string" ? website.trim() !== "" : (website?.length ?? 0) > 0;
/** Stands for the per-request CSRF token in the cached page (letters only: never escaped or split). */
const TOKEN_SLOT = "CSRFTOKENSLOTxq7";

type Extra = Pick<SubscribePageProps, "values" | "errors" | "count" | "suggestion" | "problem" | "countAsked">;

/** The form with whatever a submit produced: the values kept, and messages, a count or a suggestion. */
async function renderForm(c: Context<AppEnv>, forms: FormServices, extra: Extra, status: 200 | 400 | 429 = 200) {
  const { deps } = c.var;
  const pool = await forms.pool.current(forms.pageMaxAgeMs);
  const page = (
    <SubscribePage
      csrfToken={c.var.csrfToken}
      statics={forms.statics}
      now={deps.clock.now()}
      employerTypes={employerTypesInPool(pool)}
      operator={deps.config.operator}
      {...extra}
    />
  );
  return c.html(page, status);
}

/**
 * GET / (the form) and POST /subscribe (validate, rate-limit, answer, then store and mail).
 * Everything that depends on the address's state (new, known, pending, suppressed) runs after
 * the answer through Deps.background, so the answer is the same page after the same work.
 * GET / is rendered once per (listings, hour) and served as three joined strings (issue 18.10).
 */
export function subscribeRoutes(forms: FormServices) {
  return (
    new Hono<AppEnv>()
      .get("/", async (c) => {
        const { deps } = c.var;
        const now = deps.clock.now();
        const pool = await forms.pool.current(forms.pageMaxAgeMs);
        const employerTypes = employerTypesInPool(pool);
        const key = `${pool.signature}|${now.toISOString().slice(0, 13)}|${employerTypes.join()}`;
        const render = () => {
          // The count for the defaults in UTC (no JavaScript needed); the script recounts in the visitor's timezone.
          const count = countMatches(pool, DEFAULT_PREFERENCES, now);
          const empty = count === 0 ? explainEmpty(pool, DEFAULT_PREFERENCES, now) : null;
          const page = (
            <SubscribePage
              csrfToken={TOKEN_SLOT}
              statics={forms.statics}
              now={now}
              employerTypes={employerTypes}
              operator={deps.config.operator}
              count={{ count, empty }}
            />
          );
          return String(page);
        };
        const bytes = forms.statics.cachedPage(key, TOKEN_SLOT, render, c.var.csrfToken);
        return c.body(bytes, 200, { "Content-Type": "text/html; charset=UTF-8" });
      })
      // After a re-rendered form the address bar shows /subscribe: reloading it should land on the form.
      .get("/subscribe", (c) => c.redirect("/", 303))
      .post("/subscribe", async (c) => {
        const deps = c.var.deps;
        const form = await readForm(c);
        const now = deps.clock.now();
        const values = formValues(form);
        const typed = lastValue(form.email)?.trim() ?? "";
        // "Use x@gmail.com": taken only if the address field still holds what the suggestion was for.
        const useEmail = lastValue(form.useEmail);
        if (useEmail && typed === lastValue(form.typedEmail)) values.email = useEmail;

        if (lastValue(form.intent) === "count") return countOnly(c, forms, values, now);

        const email = parseEmail(values.email);
        const prefs = parsePreferences(values);
        if (!email.ok || !prefs.ok) {
          const errors: FieldErrors = {
            ...(email.ok ? {} : { email: email.error }),
            ...(prefs.ok ? {} : prefs.errors),
          };
          return renderForm(c, forms, { values, errors }, 400);
        }
        const suggested = suggestUnlessKept(email.value, form.keepEmail);
        if (suggested) {
          // Not a sign-up, but it counts matches: it takes from the live count's budget instead.
          const counting = await hitRateLimit(deps.db, MATCH_COUNT_PER_CLIENT, clientKeyOf(c, deps), now);
          return renderForm(c, forms, {
            values: { ...values, email: email.value },
            count: counting.allowed ? await countFor(forms, prefs.value, now, forms.pageMaxAgeMs) : undefined,
            suggestion: { typed: email.value, suggested },
          });
        }
        // Counted only now, for a sign-up we can act on: a person correcting a typo or a bad field is
        // never locked out by their own mistakes (reading them costs no email).
        const perClient = await hitRateLimit(deps.db, SUBSCRIBE_PER_CLIENT, clientKeyOf(c, deps), now);
        if (!perClient.allowed) return tooManyPage(c, forms, values, perClient.retryAfterSec);
        const perAddress = await hitRateLimit(deps.db, SUBSCRIBE_PER_ADDRESS, addressLimitKey(email.value), now);
        if (!perAddress.allowed) return tooManyPage(c, forms, values, perAddress.retryAfterSec);

        const count = await countFor(forms, prefs.value, now, forms.pageMaxAgeMs);
        if (isHoneypotFilled(form.website)) deps.log.info("subscribe.honeypot", { requestId: c.var.requestId });
        else
          runAfterAnswer(c, deps.background, deps.log, "subscribe", () =>
            subscribeLogged(deps, email.value, prefs.value),
          );
        return c.html(
          <CheckInboxPage
            email={email.value}
            matchCount={count.text}
            emptyWarning={count.empty?.message}
            csrfToken={c.var.csrfToken}
            values={values}
          />,
        );
      })
      .route("/", sampleRoutes(forms))
      .route("/", newChoicesRoutes)
  );
}

/** The no-JavaScript "Count matching listings" button: the form again with the count, nothing stored. */
async function countOnly(
  c: Context<AppEnv>,
  forms: FormServices,
  values: Record<string, string | string[] | undefined>,
  now: Date,
) {
  const { deps } = c.var;
  const limit = await hitRateLimit(deps.db, MATCH_COUNT_PER_CLIENT, clientKeyOf(c, deps), now);
  if (!limit.allowed) return tooManyPage(c, forms, values, limit.retryAfterSec);
  const prefs = parsePreferences(values);
  if (!prefs.ok) return renderForm(c, forms, { values, errors: prefs.errors }, 400);
  return renderForm(c, forms, { values, count: await countFor(forms, prefs.value, now), countAsked: true });
}

/** Too many attempts: the form again with everything typed kept (issue 18.6), a 429 and Retry-After. */
function tooManyPage(
  c: Context<AppEnv>,
  forms: FormServices,
  values: Record<string, string | string[] | undefined>,
  retryAfterSec: number,
) {
  c.header("Retry-After", String(retryAfterSec));
  return renderForm(c, forms, { values, problem: tooMany(retryAfterSec).message }, 429);
}

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
  return new AppError(
    "RATE_LIMITED",
    `Too many sign-up attempts. Please wait ${minutes} minute${minutes === 1 ? "" : "s"} and try again.`,
    {
      retryAfterSec,
    },
  );
}
