import { eq } from "drizzle-orm";
import type { Db } from "../../db/client";
import { preferences } from "../../db/schema";
import type { PreferenceChange } from "./update-preferences";

/** Whether the subscriber gets the "two empty weeks" note (default on; not a filter, so not in Preferences). */
export async function readEmptyWeekNotes(db: Db, subscriberId: string): Promise<boolean> {
  const [row] = await db
    .select({ on: preferences.emptyWeekNotes })
    .from(preferences)
    .where(eq(preferences.subscriberId, subscriberId));
  return row?.on ?? true;
}

/**
 * The preference page's checkbox, sent as a hidden "no" followed by the checkbox's "yes" (so an
 * unticked box still says no): the last value wins. Absent (an older page, the subscribe form)
 * changes nothing. Returns the change, for the "what changed" list, or nothing.
 */
export async function saveEmptyWeekNotes(
  db: Db,
  subscriberId: string,
  field: string | string[] | undefined,
): Promise<PreferenceChange[]> {
  const value = Array.isArray(field) ? field.at(-1) : field;
  if (value !== "yes" && value !== "no") return [];
  const on = value === "yes";
  if ((await readEmptyWeekNotes(db, subscriberId)) === on) return [];
  await db.update(preferences).set({ emptyWeekNotes: on }).where(eq(preferences.subscriberId, subscriberId));
  const words = (v: boolean) => (v ? "a note after two empty weeks" : "no note");
  return [{ field: "emptyWeekNotes", label: "Empty weeks", before: words(!on), after: words(on) }];
}
