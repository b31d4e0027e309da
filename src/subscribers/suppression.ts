import { eq, inArray } from "drizzle-orm";
import type { Db } from "../../db/client";
import { suppressions } from "../../db/schema";
import { sha256HexSync } from "../security/tokens";

export type SuppressionReason = "bounce" | "complaint" | "manual";

/** The only form in which a suppressed address is stored: SHA-256 hex of the lower-cased address. */
export function emailHashSync(email: string): string {
  return sha256HexSync(email.trim().toLowerCase());
}

export async function emailHash(email: string): Promise<string> {
  return emailHashSync(email);
}

/** Whether an address must never be mailed again (hard bounce, complaint, or the operator said so). */
export async function isSuppressed(db: Db, email: string): Promise<boolean> {
  const rows = await db.select({ h: suppressions.emailHash }).from(suppressions).where(eq(suppressions.emailHash, await emailHash(email))).limit(1);
  return rows.length > 0;
}

/** Whether any address is suppressed at all (lets bulk jobs skip hashing every address). */
export async function hasSuppressions(db: Db): Promise<boolean> {
  return (await db.select({ h: suppressions.emailHash }).from(suppressions).limit(1)).length > 0;
}

/** Of the given hashes, the ones that are suppressed (chunked, for imports and exports). */
export async function suppressedHashes(db: Db, hashes: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  for (let i = 0; i < hashes.length; i += 500) {
    const rows = await db.select({ h: suppressions.emailHash }).from(suppressions).where(inArray(suppressions.emailHash, hashes.slice(i, i + 500)));
    for (const r of rows) found.add(r.h);
  }
  return found;
}

/**
 * The statement (not yet run, for db.batch) that suppresses an address hash for good; idempotent.
 * Deliberately not async: awaiting a Drizzle builder would run it.
 */
export function suppressStatement(db: Db, hash: string, reason: SuppressionReason, now: Date) {
  return db.insert(suppressions).values({ emailHash: hash, reason, createdAt: now }).onConflictDoNothing();
}
