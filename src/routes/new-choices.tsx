import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { MailError } from "../mail/mailer";
import { NewChoicesAppliedPage, NewChoicesPage } from "../pages/confirm";
import { requireToken } from "../security/require-token";
import { describePreferences } from "../subscribers/describe";
import { firstDigestFor } from "../subscribers/first-digest";
import { subscriberLinks } from "../subscribers/links";
import { applyNewChoices, findNewChoices } from "../subscribers/new-choices";

const usedOrExpired = () =>
  new AppError(
    "WRONG_LINK",
    "This link was already used or has expired (links work for 7 days). Subscribe again from the home page for a new one.",
  );

/**
 * The link mailed when the subscribe form names a known address (an `apply`-purpose token over
 * the stored request): GET shows the choices and a button, POST applies them (and subscribes a
 * pending or unsubscribed address). Mounted under subscribeRoutes.
 */
export const newChoicesRoutes = new Hono<AppEnv>()
  .get("/subscribe/choices/:token", async (c) => {
    const { deps } = c.var;
    const token = c.req.param("token");
    const request = await findNewChoices(deps, await requireToken(deps, "apply", token));
    if (!request) throw usedOrExpired();
    const subscribes = request.found.subscriber.status !== "confirmed";
    return c.html(
      <NewChoicesPage
        token={token}
        csrfToken={c.var.csrfToken}
        lines={describePreferences(request.choices)}
        subscribes={subscribes}
      />,
    );
  })
  .post("/subscribe/choices/:token", async (c) => {
    const { deps } = c.var;
    const requestId = await requireToken(deps, "apply", c.req.param("token"));
    const request = await findNewChoices(deps, requestId);
    if (!request) throw usedOrExpired();
    let newlyConfirmed = false;
    try {
      newlyConfirmed = (await applyNewChoices(deps, requestId)).newlyConfirmed;
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      // Applied and confirmed, but the welcome could not be handed over; the change stands.
      deps.log.error("choices.welcome_failed", { kind: err.kind });
      newlyConfirmed = true;
    }
    const links = await subscriberLinks(deps, request.found.subscriber.id);
    return c.html(
      <NewChoicesAppliedPage
        lines={describePreferences(request.choices)}
        firstDigest={newlyConfirmed ? await firstDigestFor(deps, request.found.subscriber, request.choices) : ""}
        preferencesUrl={links.preferences}
        newlyConfirmed={newlyConfirmed}
      />,
    );
  });
