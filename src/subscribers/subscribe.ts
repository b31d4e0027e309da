import { eq } from "drizzle-orm";
import { preferences as preferencesTable, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { sendWithRetry } from "../mail/send-with-retry";
import { buildConfirmEmail, buildManageEmail } from "./emails";
import type { Preferences } from "./preferences";
import { findSubscriber } from "./store";
import { isSuppressed } from "./suppression";

export type SubscribeOutcome = "confirmation_sent" | "manage_link_sent" | "suppressed";

/**
 * Handles a subscription request for an already validated address and preferences.
 * - new, pending or unsubscribed address: stores the preferences as pending and mails a
 *   confirmation (an explicit new subscription is the one thing an unsubscribed address may get);
 * - confirmed address: changes nothing and mails a link to its preferences;
 * - suppressed address (hard bounce, complaint): changes nothing and mails nothing.
 * The caller shows the same page either way (no enumeration). Throws MailError when the mail
 * could not be handed over; the stored state is then still consistent and a retry is safe.
 */
export async function subscribe(
  deps: Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log">,
  input: { email: string; preferences: Preferences; origin?: "form" | "import" },
): Promise<{ outcome: Exclude<SubscribeOutcome, "suppressed">; subscriberId: string } | { outcome: "suppressed"; subscriberId: string | null }> {
  const now = deps.clock.now();
  const existing = await findSubscriber(deps.db, { email: input.email });
  if (await isSuppressed(deps.db, deps.config, input.email)) {
    deps.log.info("subscribe.suppressed", { subscriberId: existing?.subscriber.id ?? null });
    return { outcome: "suppressed", subscriberId: existing?.subscriber.id ?? null };
  }

  if (existing?.subscriber.status === "confirmed") {
    const id = existing.subscriber.id;
    const email = await buildManageEmail(deps, input.email, id);
    await sendWithRetry(deps.mailer, email, `manage:${id}:${crypto.randomUUID()}`, deps.retry);
    deps.log.info("subscribe.manage_link_sent", { subscriberId: id });
    return { outcome: "manage_link_sent", subscriberId: id };
  }

  const id = existing?.subscriber.id ?? crypto.randomUUID();
  if (existing) {
    await deps.db.batch([
      deps.db.update(subscribers).set({ status: "pending", updatedAt: now }).where(eq(subscribers.id, id)),
      deps.db.update(preferencesTable).set(input.preferences).where(eq(preferencesTable.subscriberId, id)),
    ]);
  } else {
    await deps.db.batch([
      deps.db.insert(subscribers).values({ id, email: input.email, status: "pending", createdAt: now, updatedAt: now, origin: input.origin ?? "form" }),
      deps.db.insert(preferencesTable).values({ subscriberId: id, ...input.preferences }),
    ]);
  }
  const email = await buildConfirmEmail(deps, input.email, id, input.preferences);
  await sendWithRetry(deps.mailer, email, `confirm:${id}:${crypto.randomUUID()}`, deps.retry);
  deps.log.info("subscribe.confirmation_sent", { subscriberId: id, returning: Boolean(existing) });
  return { outcome: "confirmation_sent", subscriberId: id };
}
