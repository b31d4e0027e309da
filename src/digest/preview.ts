import type { Deps } from "../deps";
import type { OutgoingEmail } from "../mail/mailer";
import { findSubscriber } from "../subscribers/store";
import { digestLinks } from "../subscribers/links";
import { composeDigestEmail, createDigestComposer } from "./compose";
import { loadMailed, loadPool, loadPrevious } from "./load";
import { localTime } from "./local-time";
import { selectForSubscriber } from "./select";

/**
 * The digest a subscriber would get if it were composed now, for the operator and the
 * subscriber's own "latest digest" page. Reads only: no ledger row, no mail.
 */
export async function previewDigest(
  deps: Pick<Deps, "db" | "config" | "signer">,
  input: { email?: string; subscriberId?: string; now: Date },
): Promise<{ email: OutgoingEmail | null; reason?: string; listings: number; totalMatches: number }> {
  const by = input.subscriberId ? { id: input.subscriberId } : { email: input.email! };
  const found = await findSubscriber(deps.db, by);
  if (!found) return { email: null, reason: "no such subscriber", listings: 0, totalMatches: 0 };
  const id = found.subscriber.id;
  const period = localTime(input.now, found.preferences.timezone).isoWeek;
  const [pool, previousComposedAt] = await Promise.all([
    loadPool(deps.db),
    loadPrevious(deps.db, id, period, input.now),
  ]);
  const mailed = await loadMailed(deps.db, id, id, pool);
  const prefs = found.preferences;
  const mailedFingerprints = mailed.get(id) ?? new Set<string>();
  const { picked, all } = selectForSubscriber(pool, { prefs, now: input.now, previousComposedAt, mailedFingerprints });
  if (picked.length === 0)
    return { email: null, reason: "no new matching listings right now", listings: 0, totalMatches: 0 };
  const items = picked.map((m) => ({ row: m.candidate.row, why: m.reasons.join(" · ") }));
  const links = await digestLinks(deps, id);
  const content = { email: found.subscriber.email, prefs, links, items, totalMatches: all.length };
  const email = await composeDigestEmail(createDigestComposer(), deps.config, content);
  return { email, listings: picked.length, totalMatches: all.length };
}
