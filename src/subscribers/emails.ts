import { createElement } from "react";
import ConfirmSubscription from "../../emails/confirm-subscription";
import ManageLink from "../../emails/manage-link";
import NewChoices from "../../emails/new-choices";
import Welcome from "../../emails/welcome";
import type { Deps } from "../deps";
import { listUnsubscribeHeaders } from "../mail/headers";
import type { OutgoingEmail } from "../mail/mailer";
import { renderEmail } from "../mail/render";
import { describePreferences, describePreferencesForUnverified } from "./describe";
import { firstDigestWithFacts } from "./first-digest";
import { subscriberLinks } from "./links";
import type { Preferences } from "./preferences";

type MailDeps = Pick<Deps, "config" | "clock" | "signer">;

/** The double opt-in message. No List-Unsubscribe: the address is not subscribed yet. */
export async function buildConfirmEmail(
  deps: MailDeps,
  to: string,
  subscriberId: string,
  prefs: Preferences,
): Promise<OutgoingEmail> {
  const links = await subscriberLinks(deps, subscriberId);
  const body = await renderEmail(
    createElement(ConfirmSubscription, {
      confirmUrl: links.confirm,
      preferences: describePreferencesForUnverified(prefs),
    }),
  );
  return {
    to,
    from: deps.config.mailFrom,
    subject: "Confirm your Backend Weekly subscription",
    ...body,
    tags: [{ name: "kind", value: "confirm" }],
  };
}

/** For an address that is already confirmed: a link to its preferences, nothing changed. */
export async function buildManageEmail(deps: MailDeps, to: string, subscriberId: string): Promise<OutgoingEmail> {
  const links = await subscriberLinks(deps, subscriberId);
  const body = await renderEmail(
    createElement(ManageLink, { preferencesUrl: links.preferences, unsubscribeUrl: links.unsubscribe }),
  );
  return {
    to,
    from: deps.config.mailFrom,
    subject: "Your Backend Weekly subscription",
    ...body,
    headers: listUnsubscribeHeaders(deps.config.publicUrl, links.tokens.unsubscribe),
    tags: [{ name: "kind", value: "manage" }],
  };
}

/** Sent once when a subscription is confirmed. */
export async function buildWelcomeEmail(
  deps: MailDeps & Pick<Deps, "db">,
  to: string,
  subscriberId: string,
  prefs: Preferences,
): Promise<OutgoingEmail> {
  const links = await subscriberLinks(deps, subscriberId);
  const first = await firstDigestWithFacts(deps, { id: subscriberId }, prefs);
  const body = await renderEmail(
    createElement(Welcome, {
      preferences: describePreferences(prefs),
      firstDigest: first.words,
      matchesNow: first.facts.matchesNow !== 0,
      returning: first.facts.hadDigest === true,
      preferencesUrl: links.preferences,
      unsubscribeUrl: links.unsubscribe,
    }),
  );
  return {
    to,
    from: deps.config.mailFrom,
    subject: first.facts.hadDigest ? "Welcome back to Backend Weekly" : "Welcome to Backend Weekly",
    ...body,
    headers: listUnsubscribeHeaders(deps.config.publicUrl, links.tokens.unsubscribe),
    tags: [{ name: "kind", value: "welcome" }],
  };
}

/**
 * For an address we already know: a link (an `apply`-purpose token over the stored request's id)
 * whose page applies the new choices, beside the usual preferences link. `confirm` when the
 * address does not get the digest now (pending or unsubscribed): applying then subscribes it.
 */
export async function buildNewChoicesEmail(
  deps: MailDeps,
  to: string,
  input: { subscriberId: string; requestId: string; choices: Preferences; mode: "change" | "confirm" },
): Promise<OutgoingEmail> {
  const links = await subscriberLinks(deps, input.subscriberId);
  const applyUrl = `${deps.config.publicUrl}/subscribe/choices/${await deps.signer.sign("apply", input.requestId)}`;
  const body = await renderEmail(
    createElement(NewChoices, {
      applyUrl,
      choices: describePreferencesForUnverified(input.choices),
      mode: input.mode,
      preferencesUrl: links.preferences,
      unsubscribeUrl: links.unsubscribe,
    }),
  );
  const subject =
    input.mode === "confirm" ? "Confirm your Backend Weekly subscription" : "Use your new Backend Weekly choices?";
  // A subscriber who gets the digest can stop it from this email with one click too; an address not
  // subscribed now ("confirm") has nothing to stop, like the confirmation.
  const headers =
    input.mode === "change" ? listUnsubscribeHeaders(deps.config.publicUrl, links.tokens.unsubscribe) : undefined;
  return {
    to,
    from: deps.config.mailFrom,
    subject,
    ...body,
    ...(headers && { headers }),
    tags: [{ name: "kind", value: "new-choices" }],
  };
}
