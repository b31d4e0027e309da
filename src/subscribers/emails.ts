import { createElement } from "react";
import ConfirmSubscription from "../../emails/confirm-subscription";
import ManageLink from "../../emails/manage-link";
import Welcome from "../../emails/welcome";
import type { Deps } from "../deps";
import { listUnsubscribeHeaders } from "../mail/headers";
import type { OutgoingEmail } from "../mail/mailer";
import { renderEmail } from "../mail/render";
import { describePreferences } from "./describe";
import { describeFirstDigest } from "./first-digest";
import { subscriberLinks } from "./links";
import type { Preferences } from "./preferences";

type MailDeps = Pick<Deps, "config" | "clock">;

/** The double opt-in message. No List-Unsubscribe: the address is not subscribed yet. */
export async function buildConfirmEmail(deps: MailDeps, to: string, subscriberId: string, prefs: Preferences): Promise<OutgoingEmail> {
  const links = await subscriberLinks(deps.config, subscriberId);
  const body = await renderEmail(createElement(ConfirmSubscription, { confirmUrl: links.confirm, preferences: describePreferences(prefs) }));
  return { to, from: deps.config.mailFrom, subject: "Confirm your Backend Weekly subscription", ...body, tags: [{ name: "kind", value: "confirm" }] };
}

/** For an address that is already confirmed: a link to its preferences, nothing changed. */
export async function buildManageEmail(deps: MailDeps, to: string, subscriberId: string): Promise<OutgoingEmail> {
  const links = await subscriberLinks(deps.config, subscriberId);
  const body = await renderEmail(createElement(ManageLink, { preferencesUrl: links.preferences, unsubscribeUrl: links.unsubscribe }));
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
export async function buildWelcomeEmail(deps: MailDeps, to: string, subscriberId: string, prefs: Preferences): Promise<OutgoingEmail> {
  const links = await subscriberLinks(deps.config, subscriberId);
  const body = await renderEmail(
    createElement(Welcome, {
      preferences: describePreferences(prefs),
      firstDigest: describeFirstDigest(prefs, deps.clock.now()),
      preferencesUrl: links.preferences,
      unsubscribeUrl: links.unsubscribe,
    }),
  );
  return {
    to,
    from: deps.config.mailFrom,
    subject: "Welcome to Backend Weekly",
    ...body,
    headers: listUnsubscribeHeaders(deps.config.publicUrl, links.tokens.unsubscribe),
    tags: [{ name: "kind", value: "welcome" }],
  };
}
