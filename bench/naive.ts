/**
 * The naive baseline: the natural way to build the weekly run, one subscriber at a time. A query
 * for the subscriber's history and one for the week's open listings, matching and ranking in
 * JavaScript, React Email's render() for the HTML and again for the text (as its docs show), the
 * headers, a ledger row and the mailed fingerprints written one by one, and one mailer call.
 * Measured on a sample of due subscribers, under its own ledger kind so it never collides.
 */
import { and, asc, eq, gt, lt, max, ne, sql } from "drizzle-orm";
import { createElement } from "react";
import { render } from "@react-email/render";
import { deliveries, deliveryContents, listings, preferences, subscribers } from "../db/schema";
import WeeklyDigest from "../emails/weekly-digest";
import type { Deps } from "../src/deps";
import { toCandidate } from "../src/digest/candidate";
import { packMessage } from "../src/digest/stored-message";
import { createDigestComposer, digestProps } from "../src/digest/compose";
import { localTime } from "../src/digest/local-time";
import { matchListing, matchProfile } from "../src/digest/match";
import { applyLimits, rank } from "../src/digest/rank";
import { FIRST_DIGEST_LOOKBACK_MS } from "../src/digest/select";
import { listUnsubscribeHeaders, sanitizeHeaderValue } from "../src/mail/headers";
import { subscriberLinks } from "../src/subscribers/links";

export async function naiveRun(deps: Pick<Deps, "db" | "mailer" | "config" | "signer">, now: Date, sample: number) {
  const { db } = deps;
  const subs = await db
    .select({ s: subscribers, p: preferences })
    .from(subscribers)
    .innerJoin(preferences, eq(preferences.subscriberId, subscribers.id))
    .where(eq(subscribers.status, "confirmed"))
    .orderBy(asc(subscribers.id))
    .limit(sample);
  let composed = 0;
  const t0 = performance.now();
  for (const { s, p } of subs) {
    const { subscriberId: _id, ...prefs } = p;
    // Its own history queries, blind to what the measured run just sent at `now`.
    const [previous] = await db
      .select({ at: max(deliveries.composedAt) })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.subscriberId, s.id),
          eq(deliveries.kind, "digest"),
          eq(deliveries.status, "sent"),
          lt(deliveries.composedAt, now),
        ),
      );
    const since = previous?.at?.getTime() ?? now.getTime() - FIRST_DIGEST_LOOKBACK_MS;
    const sent = await db
      .select({ fps: deliveries.fingerprints })
      .from(deliveries)
      .where(and(eq(deliveries.subscriberId, s.id), eq(deliveries.status, "sent"), lt(deliveries.composedAt, now)));
    const mailed = new Set(sent.flatMap((d) => d.fps ?? []));
    const rows = await db
      .select()
      .from(listings)
      .where(
        and(
          eq(listings.status, "open"),
          eq(listings.isBackend, true),
          ne(listings.remoteScope, "onsite"),
          gt(listings.firstSeenAt, new Date(since)),
          sql`json_array_length(${listings.scamSignals}) = 0`,
        ),
      );
    const profile = matchProfile(prefs, localTime(now, prefs.timezone).offsetMinutes);
    const matches = rows
      .filter((r) => !mailed.has(r.fingerprint))
      .map((r) => matchListing(toCandidate(r), profile))
      .filter((m) => m !== null);
    const all = rank(
      matches.map((m) => m.candidate),
      matches.map((m) => m.score),
      now.getTime(),
    );
    const picked = applyLimits(all, prefs.maxListings).map((c) => matchListing(c, profile)!);
    if (picked.length === 0) continue;
    const links = await subscriberLinks(deps, s.id);
    const props = digestProps(createDigestComposer(), {
      email: s.email,
      prefs,
      links,
      items: picked.map((m) => ({ row: m.candidate.row, why: m.reasons.join(" · ") })),
      totalMatches: all.length,
    });
    const element = createElement(WeeklyDigest, props);
    const html = await render(element);
    const text = await render(element, { plainText: true });
    const email = {
      to: s.email,
      from: deps.config.mailFrom,
      subject: sanitizeHeaderValue(props.heading),
      html,
      text,
      headers: listUnsubscribeHeaders(deps.config.publicUrl, links.tokens.unsubscribe),
      tags: [{ name: "kind", value: "digest" }],
    };
    const id = crypto.randomUUID();
    await db.insert(deliveries).values({
      id,
      subscriberId: s.id,
      kind: "digest-naive",
      period: "naive",
      status: "sending",
      createdAt: now,
      updatedAt: now,
      composedAt: now,
      listingIds: picked.map((m) => m.candidate.row.id),
      fingerprints: picked.map((m) => `naive:${m.candidate.row.fingerprint}`),
    });
    await db.insert(deliveryContents).values({
      deliveryId: id,
      matchedListingIds: all.map((c) => c.row.id),
      message: Buffer.from(await packMessage(email)),
    });
    const { id: providerId } = await deps.mailer.send(email, { idempotencyKey: `naive:${id}` });
    await db
      .update(deliveries)
      .set({ status: "sent", sentAt: now, providerMessageId: providerId })
      .where(eq(deliveries.id, id));
    composed++;
  }
  const ms = performance.now() - t0;
  return { subscribers: subs.length, digests: composed, ms, digestsPerSec: (composed / ms) * 1000 };
}
