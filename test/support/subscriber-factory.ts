import { insertRows, runBatch } from "../../db/bulk";
import type { Db } from "../../db/client";
import { preferences, subscribers } from "../../db/schema";
import { DEFAULT_PREFERENCES, type Preferences } from "../../src/subscribers/preferences";

export interface SubscriberOverrides {
  email?: string;
  status?: "pending" | "confirmed" | "unsubscribed";
  prefs?: Partial<Preferences>;
  pausedUntil?: Date | null;
}

let sequence = 0;

/**
 * Stores subscribers directly with their preferences (defaults: confirmed, DEFAULT_PREFERENCES,
 * so UTC, Monday 08:00, no filters). Chunked, so a test can seed thousands at once.
 */
export async function givenSubscribers(
  db: Db,
  now: Date,
  list: SubscriberOverrides[],
): Promise<{ id: string; email: string }[]> {
  const rows = list.map((o) => {
    const n = ++sequence;
    const id = `sub-${String(n).padStart(5, "0")}-${crypto.randomUUID().slice(0, 8)}`;
    const status = o.status ?? "confirmed";
    return {
      sub: {
        id,
        email: o.email ?? `reader${n}@example.com`,
        status,
        createdAt: now,
        updatedAt: now,
        confirmedAt: status === "pending" ? null : now,
        unsubscribedAt: status === "unsubscribed" ? now : null,
        pausedUntil: o.pausedUntil ?? null,
      },
      prefs: { subscriberId: id, ...DEFAULT_PREFERENCES, ...o.prefs },
    };
  });
  for (let i = 0; i < rows.length; i += 100) {
    const chunk = rows.slice(i, i + 100);
    // One JSON parameter per table (db/bulk.ts): a statement stays within D1's 100 parameters.
    await runBatch(db, [
      insertRows(
        db,
        subscribers,
        chunk.map((r) => r.sub),
      ),
      insertRows(
        db,
        preferences,
        chunk.map((r) => r.prefs),
      ),
    ]);
  }
  return rows.map((r) => ({ id: r.sub.id, email: r.sub.email }));
}

export async function givenSubscriber(db: Db, now: Date, overrides: SubscriberOverrides = {}) {
  return (await givenSubscribers(db, now, [overrides]))[0]!;
}
