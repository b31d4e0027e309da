import { eq, inArray } from "drizzle-orm";
import { listings, preferences, subscribers, type ListingRow } from "../../db/schema";
import type { Deps } from "../deps";
import type { OutgoingEmail } from "../mail/mailer";
import { isPaused } from "../subscribers/pause";
import { isSuppressedIn } from "../subscribers/suppression";
import { digestLinks } from "../subscribers/links";
import { toCandidate, type Candidate } from "./candidate";
import { composeDigest, type StoredDigest } from "./compose";
import type { ClaimedDelivery } from "./ledger";
import { localTime } from "./local-time";
import { matchListing, matchProfile } from "./match";

export type Prepared =
  | { kind: "email"; row: ClaimedDelivery; email: OutgoingEmail; listingIds: string[]; fingerprints: string[]; payload: StoredDigest }
  | { kind: "skip"; row: ClaimedDelivery; reason: string };

/**
 * Turns claimed `planned` rows into messages, from the ledger and the current state: a listing
 * closed (or no longer matching changed preferences) since selection is dropped, and a digest
 * left with nothing, or whose subscriber has since left, paused or bounced, is skipped.
 */
export async function prepareBatch(
  deps: Pick<Deps, "db" | "config" | "signer" | "suppressionKeys">,
  rows: ClaimedDelivery[],
  now: Date,
  suppressed: ReadonlySet<string>,
  listingCache: ListingCache = new Map(),
): Promise<Prepared[]> {
  const { db } = deps;
  const subs = await db
    .select()
    .from(subscribers)
    .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
    .where(inArray(subscribers.id, rows.map((r) => r.subscriberId)));
  const byId = new Map(subs.map((s) => [s.subscribers.id, s]));
  const listingIds = [...new Set(rows.flatMap((r) => r.listingIds ?? []))];
  const listingById = await currentListings(db, listingIds, listingCache);
  const candidate = (l: ListingRow) => listingCache.get(l.id)!;
  const out: Prepared[] = [];
  for (const row of rows) {
    const found = byId.get(row.subscriberId);
    if (!found || found.subscribers.status !== "confirmed") {
      out.push({ kind: "skip", row, reason: "subscriber is no longer subscribed" });
      continue;
    }
    const { subscriberId: _id, ...prefs } = found.preferences;
    if (isPaused(found.subscribers, now)) {
      out.push({ kind: "skip", row, reason: "subscriber paused the digest" });
      continue;
    }
    if (await isSuppressedIn(suppressed, deps.suppressionKeys, found.subscribers.email)) {
      out.push({ kind: "skip", row, reason: "address suppressed (bounce or complaint)" });
      continue;
    }
    const profile = matchProfile(prefs, localTime(now, prefs.timezone).offsetMinutes);
    const items = (row.listingIds ?? [])
      .map((id) => listingById.get(id))
      .filter((l): l is ListingRow => l !== undefined && l.status === "open")
      .map((l) => ({ row: l, match: matchListing(candidate(l), profile) }))
      .filter((x) => x.match !== null)
      .map((x) => ({ row: x.row, why: x.match!.reasons.join(" · ") }));
    if (items.length === 0) {
      out.push({ kind: "skip", row, reason: "every selected listing closed before sending" });
      continue;
    }
    const links = await digestLinks(deps, row.subscriberId);
    const { email, stored } = await composeDigest(deps.config, { email: found.subscribers.email, prefs, links, items, totalMatches: Math.max(row.totalMatches ?? 0, items.length) });
    out.push({ kind: "email", row, email, payload: stored, listingIds: items.map((i) => i.row.id), fingerprints: items.map((i) => i.row.fingerprint) });
  }
  return out;
}

/** Listings prepared for matching, kept by a run across its batches (see currentListings). */
export type ListingCache = Map<string, Candidate>;

/**
 * The current rows of `ids`, parsed and prepared once per run rather than once per batch: each
 * batch reads only (id, status, lastSeenAt) and reloads a row whose status or lastSeenAt moved
 * (ingest stamps lastSeenAt on every change of content; closing changes status).
 */
async function currentListings(db: Deps["db"], ids: string[], cache: ListingCache): Promise<Map<string, ListingRow>> {
  const found = new Map<string, ListingRow>();
  const stale: string[] = [];
  for (let i = 0; i < ids.length; i += 500) {
    const versions = await db.select({ id: listings.id, status: listings.status, lastSeenAt: listings.lastSeenAt }).from(listings).where(inArray(listings.id, ids.slice(i, i + 500)));
    for (const v of versions) {
      const cached = cache.get(v.id);
      if (cached && cached.row.status === v.status && cached.row.lastSeenAt.getTime() === v.lastSeenAt.getTime()) found.set(v.id, cached.row);
      else stale.push(v.id);
    }
  }
  for (let i = 0; i < stale.length; i += 500) {
    for (const l of await db.select().from(listings).where(inArray(listings.id, stale.slice(i, i + 500)))) {
      cache.set(l.id, toCandidate(l));
      found.set(l.id, l);
    }
  }
  return found;
}
