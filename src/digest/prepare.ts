import { eq, inArray } from "drizzle-orm";
import { listings, preferences, subscribers, type DeliveryRow, type ListingRow } from "../../db/schema";
import type { Deps } from "../deps";
import type { OutgoingEmail } from "../mail/mailer";
import { sha256Hex } from "../security/tokens";
import { subscriberLinks } from "../subscribers/links";
import { companyKey, toCandidate } from "./candidate";
import { composeDigestEmail } from "./compose";
import { localTime } from "./local-time";
import { matchListing } from "./match";

export type Prepared =
  | { kind: "email"; row: DeliveryRow; email: OutgoingEmail; listingIds: string[]; fingerprints: string[] }
  | { kind: "skip"; row: DeliveryRow; reason: string };

/**
 * Turns claimed `planned` rows into messages, from the ledger and the current state: a listing
 * closed (or no longer matching changed preferences) since selection is dropped, and a digest
 * left with nothing, or whose subscriber has since left, paused or bounced, is skipped.
 */
export async function prepareBatch(deps: Pick<Deps, "db" | "config">, rows: DeliveryRow[], now: Date, suppressed: ReadonlySet<string>): Promise<Prepared[]> {
  const { db } = deps;
  const subs = await db
    .select()
    .from(subscribers)
    .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
    .where(inArray(subscribers.id, rows.map((r) => r.subscriberId)));
  const byId = new Map(subs.map((s) => [s.subscribers.id, s]));
  const listingIds = [...new Set(rows.flatMap((r) => r.listingIds ?? []))];
  const listingById = new Map<string, ListingRow>();
  for (let i = 0; i < listingIds.length; i += 500) {
    for (const l of await db.select().from(listings).where(inArray(listings.id, listingIds.slice(i, i + 500)))) listingById.set(l.id, l);
  }
  const out: Prepared[] = [];
  for (const row of rows) {
    const found = byId.get(row.subscriberId);
    if (!found || found.subscribers.status !== "confirmed") {
      out.push({ kind: "skip", row, reason: "subscriber is no longer subscribed" });
      continue;
    }
    const { subscriberId: _id, ...prefs } = found.preferences;
    if (found.subscribers.pausedUntil && found.subscribers.pausedUntil > now) {
      out.push({ kind: "skip", row, reason: "subscriber paused the digest" });
      continue;
    }
    if (suppressed.size && suppressed.has(await sha256Hex(found.subscribers.email))) {
      out.push({ kind: "skip", row, reason: "address suppressed (bounce or complaint)" });
      continue;
    }
    const profile = { prefs, offsetMinutes: localTime(now, prefs.timezone).offsetMinutes, excludedCompanyKeys: prefs.excludedCompanies.map(companyKey).filter(Boolean) };
    const items = (row.listingIds ?? [])
      .map((id) => listingById.get(id))
      .filter((l): l is ListingRow => l !== undefined && l.status === "open")
      .map((l) => ({ row: l, match: matchListing(toCandidate(l), profile) }))
      .filter((x) => x.match !== null)
      .map((x) => ({ row: x.row, why: x.match!.reasons.join(" · ") }));
    if (items.length === 0) {
      out.push({ kind: "skip", row, reason: "every selected listing closed before sending" });
      continue;
    }
    const links = await subscriberLinks(deps.config, row.subscriberId);
    const email = await composeDigestEmail(deps.config, { email: found.subscribers.email, prefs, links, items, totalMatches: Math.max(row.totalMatches ?? 0, items.length) });
    out.push({ kind: "email", row, email, listingIds: items.map((i) => i.row.id), fingerprints: items.map((i) => i.row.fingerprint) });
  }
  return out;
}
