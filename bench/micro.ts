/**
 * Per-digest cost of each composition step, on digests the run just sent: the signed links (two
 * HMACs), the template props, the body (the fast renderer), and the headers. Read-only.
 */
import { and, eq } from "drizzle-orm";
import { inJsonList } from "../db/json-list";
import { deliveries, listings, preferences, type ListingRow } from "../db/schema";
import type { Deps } from "../src/deps";
import { createDigestComposer, digestProps, type DigestContent } from "../src/digest/compose";
import { listUnsubscribeHeaders, sanitizeHeaderValue } from "../src/mail/headers";
import { digestLinks } from "../src/subscribers/links";

export async function microStages(deps: Pick<Deps, "db" | "config" | "signer">, _now: Date, sample: number) {
  const rows = await deps.db
    .select()
    .from(deliveries)
    .where(and(eq(deliveries.status, "sent"), eq(deliveries.period, "2026-W48")))
    .limit(sample);
  const prefs = new Map(
    (
      await deps.db
        .select()
        .from(preferences)
        .where(
          inJsonList(
            preferences.subscriberId,
            rows.map((r) => r.subscriberId),
          ),
        )
    ).map((p) => [p.subscriberId, p]),
  );
  const mailed = new Map(rows.map((r) => [r.id, r.listingIds]));
  const ids = [...new Set(rows.flatMap((r) => mailed.get(r.id) ?? []))];
  const byId = new Map<string, ListingRow>();
  for (let i = 0; i < ids.length; i += 500)
    for (const l of await deps.db
      .select()
      .from(listings)
      .where(inJsonList(listings.id, ids.slice(i, i + 500))))
      byId.set(l.id, l);
  const contents: DigestContent[] = [];
  const t: Record<string, number> = { links: 0, props: 0, body: 0, headers: 0 };
  for (const r of rows) {
    const p = prefs.get(r.subscriberId);
    const listingIds = mailed.get(r.id);
    if (!p || !listingIds?.length) continue;
    const { subscriberId: _s, ...pr } = p;
    const t0 = performance.now();
    const links = await digestLinks(deps, r.subscriberId);
    t.links! += performance.now() - t0;
    contents.push({
      email: "x@example.com",
      prefs: pr,
      links,
      items: listingIds.map((id) => ({ row: byId.get(id)!, why: "Go · senior · remote worldwide" })),
      totalMatches: r.totalMatches ?? 0,
    });
  }
  const composer = createDigestComposer();
  for (const c of contents) {
    let t0 = performance.now();
    const props = digestProps(composer, c);
    t.props! += performance.now() - t0;
    t0 = performance.now();
    await composer.renderer.render(props);
    t.body! += performance.now() - t0;
    t0 = performance.now();
    sanitizeHeaderValue(props.heading);
    listUnsubscribeHeaders(deps.config.publicUrl, c.links.tokens.unsubscribe);
    t.headers! += performance.now() - t0;
  }
  const n = contents.length || 1;
  return {
    digests: contents.length,
    usPerDigest: Object.fromEntries(Object.entries(t).map(([k, v]) => [k, Math.round((v / n) * 1000 * 10) / 10])),
  };
}
