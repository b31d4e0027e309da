import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { inJsonList } from "../../db/json-list";
import type { Db } from "../../db/client";
import { suppressions } from "../../db/schema";
import type { SuppressionKeys } from "./suppression-keys";

export type SuppressionReason = "bounce" | "complaint" | "manual";

/** The hash a new suppression of this address is stored under (the current key's). */
export async function emailHash(keys: SuppressionKeys, email: string): Promise<string> {
  return (await keys.hashes(email))[0]!;
}

/** Whether an address must never be mailed again (hard bounce, complaint, or the operator said so). */
export async function isSuppressed(db: Db, keys: SuppressionKeys, email: string): Promise<boolean> {
  const hashes = await keys.hashes(email);
  const rows = await db
    .select({ h: suppressions.emailHash })
    .from(suppressions)
    .where(inArray(suppressions.emailHash, hashes))
    .limit(1);
  return rows.length > 0;
}

/** The same against a set of every stored hash (loadSuppressed), for runs over many addresses. */
export async function isSuppressedIn(
  suppressed: ReadonlySet<string>,
  keys: SuppressionKeys,
  email: string,
): Promise<boolean> {
  return suppressed.size > 0 && (await keys.hashes(email)).some((h) => suppressed.has(h));
}

/** Whether any address is suppressed at all (lets bulk jobs skip hashing every address). */
export async function hasSuppressions(db: Db): Promise<boolean> {
  return (await db.select({ h: suppressions.emailHash }).from(suppressions).limit(1)).length > 0;
}

/** Of the given addresses, the ones that are suppressed (chunked, for imports and exports). */
export async function suppressedEmails(db: Db, keys: SuppressionKeys, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (emails.length === 0 || !(await hasSuppressions(db))) return found;
  const perEmail = keys.ids.length;
  const step = Math.max(1, Math.floor(500 / perEmail));
  for (let i = 0; i < emails.length; i += step) {
    const slice = emails.slice(i, i + step);
    const hashes = await Promise.all(slice.map((e) => keys.hashes(e)));
    const rows = await db
      .select({ h: suppressions.emailHash })
      .from(suppressions)
      .where(inJsonList(suppressions.emailHash, hashes.flat()));
    const hit = new Set(rows.map((r) => r.h));
    slice.forEach((email, j) => hashes[j]!.some((h) => hit.has(h)) && found.add(email));
  }
  return found;
}

/**
 * The statements (not yet run, for db.batch) that suppress addresses for good, under the current
 * key; idempotent. In an array: an awaited Drizzle builder would run.
 */
export async function suppressStatements(
  db: Db,
  keys: SuppressionKeys,
  emails: readonly string[],
  reason: SuppressionReason,
  now: Date,
) {
  const hashes = await Promise.all(emails.map((email) => emailHash(keys, email)));
  return hashes.map((h) =>
    db.insert(suppressions).values({ emailHash: h, keyId: keys.ids[0]!, reason, createdAt: now }).onConflictDoNothing(),
  );
}

/**
 * Start-up data migration (idempotent): wraps every row from before keyed hashes (plain SHA-256,
 * no key id) in the current key, so it matches emailHashSync again and can no longer be reversed.
 * Then refuses to go on if some row was written under a key no longer configured: those addresses
 * would be mailed again. Returns how many rows were re-keyed.
 */
export async function rekeyLegacySuppressions(db: Db, keys: SuppressionKeys): Promise<number> {
  const legacy = await db.select({ h: suppressions.emailHash }).from(suppressions).where(isNull(suppressions.keyId));
  for (let i = 0; i < legacy.length; i += 500) {
    const slice = legacy.slice(i, i + 500);
    const rekeyed = await Promise.all(slice.map((r) => keys.rekey(r.h)));
    await db.batch(
      slice.map((r, j) =>
        db
          .update(suppressions)
          .set({ emailHash: rekeyed[j]!, keyId: keys.ids[0]! })
          .where(and(eq(suppressions.emailHash, r.h), isNull(suppressions.keyId))),
      ) as [never, ...never[]],
    );
  }
  const known = [...keys.ids];
  const orphaned = await db
    .select({ h: suppressions.emailHash })
    .from(suppressions)
    .where(notInArray(suppressions.keyId, known))
    .limit(1);
  if (orphaned.length) throw new SuppressionKeyMissingError();
  return legacy.length;
}

export class SuppressionKeyMissingError extends Error {
  override name = "SuppressionKeyMissingError";
  constructor() {
    super(
      "some suppressed addresses were hashed with a key that is no longer configured, so they would be mailed again: " +
        "restore SUPPRESSION_SECRET, or the old TOKEN_SECRET as TOKEN_SECRET_PREVIOUS (see README, Security)",
    );
  }
}
