import { eq } from "drizzle-orm";
import { preferences as preferencesTable, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { AppError } from "../errors";
import { describePreferences } from "./describe";
import type { Preferences } from "./preferences";
import { findSubscriber } from "./store";

export interface PreferenceChange {
  field: string;
  label: string;
  before: string;
  after: string;
}

/** Pure: what differs between two preference sets, in the words of describePreferences. */
export function diffPreferences(before: Preferences, after: Preferences): PreferenceChange[] {
  const old = describePreferences(before);
  return describePreferences(after).flatMap((line, i) =>
    line.value === old[i]!.value
      ? []
      : [{ field: line.field, label: line.label, before: old[i]!.value, after: line.value }],
  );
}

/**
 * Replaces a subscriber's preferences with an already validated set (the preference centre).
 * Changes nothing else (status, pause). Saving the same values twice is a no-op. Returns what
 * changed, for the page to show.
 */
export async function updatePreferences(
  deps: Pick<Deps, "db" | "clock" | "log">,
  input: { subscriberId: string; preferences: Preferences },
): Promise<PreferenceChange[]> {
  const found = await findSubscriber(deps.db, { id: input.subscriberId });
  if (!found)
    throw new AppError("NOT_FOUND", "This subscription no longer exists. You can subscribe again from the home page.");
  const changes = diffPreferences(found.preferences, input.preferences);
  // Compare the stored values too: a change the summary does not show (e.g. "include listings
  // without a salary" while no minimum is set) is still saved.
  if (JSON.stringify(found.preferences) === JSON.stringify({ ...found.preferences, ...input.preferences }))
    return changes;
  await deps.db.batch([
    deps.db
      .update(preferencesTable)
      .set(input.preferences)
      .where(eq(preferencesTable.subscriberId, input.subscriberId)),
    deps.db.update(subscribers).set({ updatedAt: deps.clock.now() }).where(eq(subscribers.id, input.subscriberId)),
  ]);
  deps.log.info("subscriber.preferences_updated", {
    subscriberId: input.subscriberId,
    fields: changes.map((c) => c.field),
  });
  return changes;
}
