import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { readForm } from "../http/form";
import { MailError } from "../mail/mailer";
import {
  ConfirmationResentPage,
  ConfirmedPage,
  ConfirmExpiredPage,
  ConfirmPage,
  UnsubscribedPage,
} from "../pages/confirm";
import { requireToken } from "../security/require-token";
import { confirmationExpired, confirmSubscription, resendConfirmation } from "../subscribers/confirm";
import { describePreferences } from "../subscribers/describe";
import { firstDigestFor } from "../subscribers/first-digest";
import { subscriberLinks } from "../subscribers/links";
import { findSubscriber } from "../subscribers/store";
import { mailOnRequest } from "./mail-on-request";

const gone = () =>
  new AppError("NOT_FOUND", "This subscription no longer exists. You can subscribe again from the home page.");

/**
 * GET shows a button and changes nothing; POST confirms (DESIGN.md §6). A link mailed more than
 * 7 days ago shows a page offering a new one instead; its button POSTs action=resend.
 */
export const confirmRoutes = new Hono<AppEnv>()
  .get("/confirm/:token", async (c) => {
    const { deps } = c.var;
    const token = c.req.param("token");
    const id = await requireToken(deps, "confirm", token);
    const found = await findSubscriber(deps.db, { id });
    if (!found) throw gone();
    if (found.subscriber.status === "confirmed") {
      // Opening the link again: say what is, rather than asking for a click that does nothing.
      const links = await subscriberLinks(deps, id);
      return c.html(
        <ConfirmedPage
          lines={describePreferences(found.preferences)}
          firstDigest=""
          preferencesUrl={links.preferences}
          alreadyConfirmed
          email={found.subscriber.email}
        />,
      );
    }
    // An old confirm link after unsubscribing: not an error, a way back (the form mails a new link).
    if (found.subscriber.status === "unsubscribed") return c.html(<UnsubscribedPage email={found.subscriber.email} />);
    if (confirmationExpired(found.subscriber, deps.clock.now()))
      return c.html(<ConfirmExpiredPage token={token} csrfToken={c.var.csrfToken} />);
    return c.html(
      <ConfirmPage
        token={token}
        csrfToken={c.var.csrfToken}
        lines={describePreferences(found.preferences)}
        email={found.subscriber.email}
      />,
    );
  })
  .post("/confirm/:token", async (c) => {
    const { deps } = c.var;
    const token = c.req.param("token");
    const id = await requireToken(deps, "confirm", token);
    const form = await readForm(c);
    const found = await findSubscriber(deps.db, { id });
    if (!found) throw gone();
    if (form.action === "resend") {
      await mailOnRequest(deps, {
        email: found.subscriber.email,
        event: "confirm.resend_failed",
        send: () => resendConfirmation(deps, id),
      });
      return c.html(<ConfirmationResentPage />);
    }
    if (confirmationExpired(found.subscriber, deps.clock.now()))
      return c.html(<ConfirmExpiredPage token={token} csrfToken={c.var.csrfToken} />, 400);
    let result;
    try {
      result = await confirmSubscription(deps, id);
    } catch (err) {
      if (!(err instanceof MailError)) throw err;
      // Confirmed, but the welcome could not be handed over; the confirmation itself stands.
      deps.log.error("confirm.welcome_failed", { kind: err.kind });
      result = { ...(await findSubscriber(deps.db, { id }))!, newlyConfirmed: true };
    }
    const links = await subscriberLinks(deps, id);
    return c.html(
      <ConfirmedPage
        lines={describePreferences(result.preferences)}
        firstDigest={result.newlyConfirmed ? await firstDigestFor(deps, result.subscriber, result.preferences) : ""}
        preferencesUrl={links.preferences}
        alreadyConfirmed={!result.newlyConfirmed}
        email={result.subscriber.email}
      />,
    );
  });
