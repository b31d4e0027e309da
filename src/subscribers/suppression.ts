import { and, eq, inArray, isNull, notInArray } from "drizzle-orm";
import { inJsonList } from "../../db/json-list";
import type { Db } from "../../db/client";
import { suppressions } from "../../db/schema";
import type { Config } from "../config";
import { hmacSha256, sha256, sha256HexSync } from "../security/tokens";

export type SuppressionReason = "bounce" | "complaint" | "manual";

/** What hashing needs from the config: the suppression keys, the one that writes first. */
export type SuppressionConfig = Pick<Config, "suppressionKeys">;

/**
 * Suppressed addresses are stored only as a keyed hash (issue 16.8): HMAC-SHA-256 under a key of
 * their own (config.suppressionKeys) of the SHA-256 (32 bytes) of the lower-cased address. Without the key a
 * leaked table cannot be checked against a list of candidate addresses. The inner SHA-256 is what
 * rows held before keys existed, so those rows are re-keyed without knowing the address
 * (rekeyLegacySuppressions, at start-up).
 */
export function emailHashSync(config: SuppressionConfig, email: string): string {
  return keyedHash(config.suppressionKeys[0]!, innerHash(email));
}

export async function emailHash(config: SuppressionConfig, email: string): Promise<string> {
  return emailHashSync(config, email);
}

/** Every hash an address may be stored under: one per configured key (after a rotation), current first. */
export function emailHashesSync(config: SuppressionConfig, email: string): string[] {
  const inner = innerHash(email);
  return config.suppressionKeys.map((key) => keyedHash(key, inner));
}

/** Whether an address must never be mailed again (hard bounce, complaint, or the operator said so). */
export async function isSuppressed(db: Db, config: SuppressionConfig, email: string): Promise<boolean> {
  const hashes = emailHashesSync(config, email);
  const rows = await db.select({ h: suppressions.emailHash }).from(suppressions).where(inArray(suppressions.emailHash, hashes)).limit(1);
  return rows.length > 0;
}

/** The same against a set of every stored hash (loadSuppressed), for runs over many addresses. */
export function isSuppressedIn(suppressed: ReadonlySet<string>, config: SuppressionConfig, email: string): boolean {
  return suppressed.size > 0 && emailHashesSync(config, email).some((h) => suppressed.has(h));
}

/** Whether any address is suppressed at all (lets bulk jobs skip hashing every address). */
export async function hasSuppressions(db: Db): Promise<boolean> {
  return (await db.select({ h: suppressions.emailHash }).from(suppressions).limit(1)).length > 0;
}

/** Of the given addresses, the ones that are suppressed (chunked, for imports and exports). */
export async function suppressedEmails(db: Db, config: SuppressionConfig, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (emails.length === 0 || !(await hasSuppressions(db))) return found;
  const perEmail = config.suppressionKeys.length;
  const step = Math.max(1, Math.floor(500 / perEmail));
  for (let i = 0; i < emails.length; i += step) {
    const slice = emails.slice(i, i + step);
    const hashes = slice.map((e) => emailHashesSync(config, e));
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
 * The statement (not yet run, for db.batch) that suppresses an address for good, under the
 * current key; idempotent. Deliberately not async: awaiting a Drizzle builder would run it.
 */
export function suppressStatement(db: Db, config: SuppressionConfig, email: string, reason: SuppressionReason, now: Date) {
  const key = config.suppressionKeys[0]!;
  return db
    .insert(suppressions)
    .values({ emailHash: emailHashSync(config, email), keyId: keyId(key), reason, createdAt: now })
    .onConflictDoNothing();
}

/**
 * Start-up data migration (idempotent): wraps every row from before keyed hashes (plain SHA-256,
 * no key id) in the current key, so it matches emailHashSync again and can no longer be reversed.
 * Then refuses to go on if some row was written under a key no longer configured: those addresses
 * would be mailed again. Returns how many rows were re-keyed.
 */
export async function rekeyLegacySuppressions(db: Db, config: SuppressionConfig): Promise<number> {
  const key = config.suppressionKeys[0]!;
  const legacy = await db.select({ h: suppressions.emailHash }).from(suppressions).where(isNull(suppressions.keyId));
  for (let i = 0; i < legacy.length; i += 500) {
    await db.batch(
      legacy.slice(i, i + 500).map((r) =>
        db
          .update(suppressions)
          .set({ emailHash: keyedHash(key, fromHex(r.h)), keyId: keyId(key) })
          .where(and(eq(suppressions.emailHash, r.h), isNull(suppressions.keyId))),
      ) as [never, ...never[]],
    );
  }
  const known = config.suppressionKeys.map(keyId);
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

/** A short public name for a key (not the key): which rows it wrote. */
function keyId(key: string): string {
  return sha256HexSync(`suppression-key-id:${key}`).slice(0, 16);
}

/** The SHA-256 of the lower-cased address: what rows held before keys (as hex). */
function innerHash(email: string): Uint8Array {
  return sha256(ENCODER.encode(email.trim().toLowerCase()));
}

/** HMAC over the 32 raw bytes (one block, not the 64 hex characters): the digest run hashes every due address. */
function keyedHash(key: string, inner: Uint8Array): string {
  let hex = "";
  for (const b of hmacSha256(key, inner)) hex += HEX[b];
  return hex;
}

function fromHex(hex: string): Uint8Array {
  return Uint8Array.from({ length: hex.length / 2 }, (_, i) => parseInt(hex.slice(i * 2, i * 2 + 2), 16));
}

const ENCODER = new TextEncoder();
const HEX = Array.from({ length: 256 }, (_, b) => b.toString(16).padStart(2, "0"));
