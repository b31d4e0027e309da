import { preferences as preferencesTable, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { sendWithRetry } from "../mail/send-with-retry";
import { buildConfirmEmail, buildManageEmail } from "./emails";
import { mailNewChoices } from "./new-choices";
import type { Preferences } from "./preferences";
import { findSubscriber } from "./store";
import { isSuppressed } from "./suppression";

export type SubscribeOutcome = "confirmation_sent" | "choices_link_sent" | "manage_link_sent" | "suppressed";

/**
 * Handles a subscription request for an already validated address and preferences.
 * - new address: stores it as pending and mails a confirmation;
 * - known address (pending, confirmed or unsubscribed): changes nothing and mails a link that
 *   applies the new choices (and subscribes, if it is not subscribed now) beside the preferences
 *   link; a confirmed address asking for exactly what it has gets the preferences link alone;
 * - suppressed address (hard bounce, complaint): changes nothing and mails nothing.
 * The route runs this after answering, with the same page either way (no enumeration, no timing
 * difference). Throws MailError when the mail could not be handed over; a retry is then safe.
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
      await sendWithRetry(deps.mailer, email, `manage:${id}:${crypto.randomUUID()}`, deps.retry);
      deps.log.info("subscribe.manage_link_sent", { subscriberId: id });
      return { outcome: "manage_link_sent", subscriberId: id };
    }
    await mailNewChoices(deps, existing, input.preferences);
    return { outcome: "choices_link_sent", subscriberId: id };
  }

  const id = crypto.randomUUID();
  await deps.db.batch([
    deps.db.insert(subscribers).values({
      id,
      email: input.email,
      status: "pending",
      createdAt: now,
      updatedAt: now,
      confirmationSentAt: now,
      origin: input.origin ?? "form",
    }),
    deps.db.insert(preferencesTable).values({ subscriberId: id, ...input.preferences }),
  ]);
  const email = await buildConfirmEmail(deps, input.email, id, input.preferences);
  await sendWithRetry(deps.mailer, email, `confirm:${id}:${crypto.randomUUID()}`, deps.retry);
  deps.log.info("subscribe.confirmation_sent", { subscriberId: id });
  return { outcome: "confirmation_sent", subscriberId: id };
}

function samePreferences(a: Preferences, b: Preferences): boolean {
  return (Object.keys(a) as (keyof Preferences)[]).every(
    (k) => JSON.stringify(a[k] ?? null) === JSON.stringify(b[k] ?? null),
  );
}
