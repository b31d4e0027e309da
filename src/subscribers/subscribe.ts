import { preferences as preferencesTable, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { MailError } from "../mail/mailer";
import { sendWithRetry } from "../mail/send-with-retry";
import { buildManageEmail } from "./emails";
import { logMailFailed, sendFirstConfirmation } from "./first-confirmation";
import { mailNewChoices } from "./new-choices";
import type { Preferences } from "./preferences";
import { findSubscriber } from "./store";
import { isSuppressed } from "./suppression";

export type SubscribeOutcome =
  | "confirmation_sent"
  | "confirmation_pending"
  | "choices_link_sent"
  | "manage_link_sent"
  | "mail_failed"
  | "suppressed";

/**
 * Handles a subscription request for an already validated address and preferences.
 * - new address: stores it as pending and mails a confirmation;
 * - known address (pending, confirmed or unsubscribed): changes nothing and mails a link that
 *   applies the new choices (and subscribes, if it is not subscribed now) beside the preferences
 *   link; a confirmed address asking for exactly what it has gets the preferences link alone;
 * - suppressed address (hard bounce, complaint): changes nothing and mails nothing.
 * The route runs this after answering, with the same page either way (no enumeration, no timing
 * difference). A mail that could not be handed over is logged with the subscriber's id
 * (`subscribe.mail_failed`), not thrown: a new subscriber's confirmation stays unsent
 * (`confirmation_pending`) and the scheduler tick resends it (first-confirmation.ts); a link for a
 * known address (`mail_failed`) is not retried: submitting the form again mails it again.
 */
export async function subscribe(
  deps: Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log" | "signer" | "suppressionKeys">,
  input: { email: string; preferences: Preferences; origin?: "form" | "import" },
): Promise<
  | { outcome: Exclude<SubscribeOutcome, "suppressed">; subscriberId: string }
  | { outcome: "suppressed"; subscriberId: string | null }
> {
  const now = deps.clock.now();
  const existing = await findSubscriber(deps.db, { email: input.email });
  if (await isSuppressed(deps.db, deps.suppressionKeys, input.email)) {
    deps.log.info("subscribe.suppressed", { subscriberId: existing?.subscriber.id ?? null });
    return { outcome: "suppressed", subscriberId: existing?.subscriber.id ?? null };
  }

  if (existing) {
    const id = existing.subscriber.id;
    if (existing.subscriber.status === "confirmed" && samePreferences(existing.preferences, input.preferences)) {
      const email = await buildManageEmail(deps, input.email, id);
      return mailed(deps, id, "manage", "manage_link_sent", async () => {
        await sendWithRetry(deps.mailer, email, `manage:${id}:${crypto.randomUUID()}`, deps.retry);
        deps.log.info("subscribe.manage_link_sent", { subscriberId: id });
      });
    }
    return mailed(deps, id, "choices", "choices_link_sent", () => mailNewChoices(deps, existing, input.preferences));
  }

  const id = crypto.randomUUID();
  await deps.db.batch([
    deps.db.insert(subscribers).values({
      id,
      email: input.email,
      status: "pending",
      createdAt: now,
      updatedAt: now,
      confirmationSentAt: null, // set once the confirmation is handed over (first-confirmation.ts)
      origin: input.origin ?? "form",
    }),
    deps.db.insert(preferencesTable).values({ subscriberId: id, ...input.preferences }),
  ]);
  const sent = await mailed(deps, id, "confirm", "confirmation_sent", async () => {
    await sendFirstConfirmation(deps, { id, email: input.email, preferences: input.preferences });
    deps.log.info("subscribe.confirmation_sent", { subscriberId: id });
  });
  return sent.outcome === "mail_failed" ? { outcome: "confirmation_pending", subscriberId: id } : sent;
}

/** Runs a mail step; a MailError is logged with the subscriber id (no address) and becomes `mail_failed`. */
async function mailed<O extends SubscribeOutcome>(
  deps: Pick<Deps, "log">,
  subscriberId: string,
  mail: string,
  outcome: O,
  send: () => Promise<unknown>,
): Promise<{ outcome: O | "mail_failed"; subscriberId: string }> {
  try {
    await send();
    return { outcome, subscriberId };
  } catch (err) {
    if (!(err instanceof MailError)) throw err;
    logMailFailed(deps, subscriberId, mail, err);
    return { outcome: "mail_failed", subscriberId };
  }
}

function samePreferences(a: Preferences, b: Preferences): boolean {
  return (Object.keys(a) as (keyof Preferences)[]).every(
    (k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null),
  );
}
