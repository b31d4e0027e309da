import { and, asc, eq, gt } from "drizzle-orm";
import { preferences, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { formatCsvRow } from "./csv";
import { PREFERENCE_FIELDS, preferencesToFields } from "./preferences";
import { suppressedEmails } from "./suppression";

/** The export's header: the same columns the import reads. */
export const EXPORT_COLUMNS = ["email", ...PREFERENCE_FIELDS] as const;

/**
 * Writes every confirmed subscriber (paused ones included) as CSV lines, header first, with the
 * columns the import reads (multi-values joined with `;`), so export → import round-trips.
 * Pending and unsubscribed people, and suppressed addresses, are left out: another tool must not
 * mail them. Reads in pages of 1000 by id, so memory stays flat. Reads only.
 */
export async function exportSubscribers(
  deps: Pick<Deps, "db" | "config" | "suppressionKeys">,
  writeLine: (line: string) => void | Promise<void>,
): Promise<{ exported: number; skippedSuppressed: number }> {
  await writeLine(formatCsvRow(EXPORT_COLUMNS));
  let exported = 0;
  let skippedSuppressed = 0;
  let after = "";
  for (;;) {
    const page = await deps.db
      .select()
      .from(subscribers)
      .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
      .where(and(eq(subscribers.status, "confirmed"), gt(subscribers.id, after)))
      .orderBy(asc(subscribers.id))
      .limit(1000);
    if (page.length === 0) break;
    after = page.at(-1)!.subscribers.id;
    const suppressed = await suppressedEmails(
      deps.db,
      deps.suppressionKeys,
      page.map((r) => r.subscribers.email),
    );
    for (const row of page) {
      if (suppressed.has(row.subscribers.email)) {
        skippedSuppressed++;
        continue;
      }
      const { subscriberId: _id, ...prefs } = row.preferences;
      const fields = preferencesToFields(prefs);
      await writeLine(
        formatCsvRow([
          row.subscribers.email,
          ...PREFERENCE_FIELDS.map((f) => {
            const v = fields[f];
            return Array.isArray(v) ? v.join(";") : v;
          }),
        ]),
      );
      exported++;
    }
  }
  return { exported, skippedSuppressed };
}
