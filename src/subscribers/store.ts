import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { preferences, subscribers, type SubscriberRow } from "../../db/schema";
import type { Preferences } from "./preferences";

export interface SubscriberWithPreferences {
  subscriber: SubscriberRow;
  preferences: Preferences;
}

/** Reads one subscriber with preferences, by id or by (normalised) address. */
export async function findSubscriber(
  db: Db,
  by: { id: string } | { email: string },
): Promise<SubscriberWithPreferences | null> {
  const where = "id" in by ? eq(subscribers.id, by.id) : eq(subscribers.email, by.email);
  const rows = await db
    .select()
    .from(subscribers)
    .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
    .where(where)
    .limit(1);
  const row = rows[0];
  if (!row) return null;
  const { subscriberId: _id, emptyWeekNotes: _notes, ...prefs } = row.preferences;
  return { subscriber: row.subscribers, preferences: prefs };
}
