import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { MailError } from "../mail/mailer";
import { ConfirmedPage, ConfirmPage } from "../pages/confirm";
import { requireToken } from "../security/require-token";
import { confirmSubscription } from "../subscribers/confirm";
import { describePreferences } from "../subscribers/describe";
import { describeFirstDigest } from "../subscribers/first-digest";
import { subscriberLinks } from "../subscribers/links";
import { findSubscriber } from "../subscribers/store";

/** GET shows a button and changes nothing; POST confirms (DESIGN.md §6). */
export const confirmRoutes = new Hono<AppEnv>()
  .get("/confirm/:token", async (c) => {
    const { deps } = c.var;
    const token = c.req.param("token");
    const id = await requireToken(deps.config, "confirm", token);
    const found = await findSubscriber(deps.db, { id });
    if (!found) throw new AppError("NOT_FOUND", "This subscription no longer exists. You can subscribe again from the home page.");
    if (found.subscriber.status === "confirmed") {
      // Opening the link again: say what is, rather than asking for a click that does nothing.
      const links = await subscriberLinks(deps.config, id);
      return c.html(<ConfirmedPage lines={describePreferences(found.preferences)} firstDigest="" preferencesUrl={links.preferences} alreadyConfirmed />);
    }
    if (found.subscriber.status === "unsubscribed") {
      throw new AppError("WRONG_LINK", "This subscription was cancelled. To get the digest again, subscribe from the home page.");
    }
    return c.html(<ConfirmPage token={token} csrfToken={c.var.csrfToken} lines={describePreferences(found.preferences)} />);
  })
  .post("/confirm/:token", async (c) => {
    const { deps } = c.var;
    const id = await requireToken(deps.config, "confirm", c.req.param("token"));
    let result;
    try {
      result = await confirmSubscription(deps, id);
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      // Confirmed, but the welcome could not be handed over; the confirmation itself stands.
      deps.log.error("confirm.welcome_failed", { kind: err.kind });
      result = { ...(await findSubscriber(deps.db, { id }))!, newlyConfirmed: true };
    }
    const links = await subscriberLinks(deps.config, id);
    return c.html(
      <ConfirmedPage
        lines={describePreferences(result.preferences)}
        firstDigest={result.newlyConfirmed ? describeFirstDigest(result.preferences, deps.clock.now()) : ""}
        preferencesUrl={links.preferences}
        alreadyConfirmed={!result.newlyConfirmed}
      />,
    );
  });
