import { multiRowInsert } from "../../db/bulk";
import { deliveries } from "../../db/schema";
import { BATCH_LIMIT } from "../mail/mailer";
import { subscriberLinks } from "../subscribers/links";
import { composeDigest } from "./compose";
import { CLAIM_MS, insertSending, type NewDelivery } from "./ledger";
import { countPlanned, plannedPages, skippedRow, type PlanSummary, type PlannedDigest } from "./plan";
import type { Deliver, SendDeps, SendSummary } from "./send";

/**
 * The weekly run's main loop: for each page of due subscribers, select, compose and write each
 * batch of digests into the ledger (`sending`, content and key fixed), then hand it to the
 * provider. Planning and sending the same page together means the digest is composed from the
 * state of the moment it leaves, and each batch's ledger rows were written side by side, so the
 * three writes per batch touch a handful of pages instead of a hundred scattered ones.
 */
export async function sendDue(
  deps: SendDeps,
  input: { now: Date; runId: string; summary: SendSummary; deliver: Deliver; claimTime: () => Date; onProgress?: (line: string) => void },
): Promise<PlanSummary & { stopped: boolean }> {
  const { db } = deps;
  const { now, runId, summary } = input;
  const plan: PlanSummary = { due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 };
  for await (const page of plannedPages(deps, now)) {
    plan.due += page.length;
    const skipped = page.filter((p): p is PlannedDigest & { skip: "empty" | "suppressed" } => "skip" in p).map((p) => skippedRow(p, now));
    if (skipped.length) {
      const insert = multiRowInsert(deliveries, skipped);
      const written = await db.$client.execute({ sql: `${insert.sql} ON CONFLICT DO NOTHING RETURNING status, total_matches`, args: insert.args });
      countPlanned(plan, written.rows.map((r) => ({ status: "skipped" as const, totalMatches: r.total_matches as number | null })));
    }
    const digests = page.filter((p): p is PlannedDigest & { selection: object } => "selection" in p);
    for (let i = 0; i < digests.length; i += BATCH_LIMIT) {
      const batch = await Promise.all(digests.slice(i, i + BATCH_LIMIT).map((p) => compose(deps, p)));
      const key = `digest-batch:${crypto.randomUUID()}`;
      const claimAt = input.claimTime();
      const inserted = await insertSending(db, runId, key, batch.map((b) => b.delivery), now, new Date(claimAt.getTime() + CLAIM_MS));
      // A concurrent run that planned some of these subscribers first sends those itself.
      const ours = batch.filter((b) => inserted.has(b.delivery.id));
      plan.planned += ours.length;
      if (ours.length === 0) continue;
      const outcome = await input.deliver(
        key,
        ours.map((b) => b.delivery),
        ours.map((b) => b.email),
        false,
      );
      input.onProgress?.(`sent ${summary.sent}, skipped ${plan.skippedEmpty + plan.skippedSuppressed}, failed ${summary.failed}`);
      if (outcome === "stop") return { ...plan, stopped: true };
    }
  }
  return { ...plan, stopped: false };
}

async function compose(deps: Pick<SendDeps, "config">, p: PlannedDigest & { selection: object }) {
  const { sub, selection } = p as Extract<PlannedDigest, { selection: unknown }>;
  const links = await subscriberLinks(deps.config, sub.id);
  const items = selection.picked.map((m) => ({ row: m.candidate.row, why: m.reasons.join(" · ") }));
  const { email, stored } = await composeDigest(deps.config, { email: sub.email, prefs: sub.prefs, links, items, totalMatches: selection.all.length });
  const delivery: NewDelivery = {
    id: crypto.randomUUID(),
    subscriberId: sub.id,
    period: sub.period,
    listingIds: items.map((i) => i.row.id),
    matchedListingIds: selection.all.map((m) => m.candidate.row.id),
    fingerprints: items.map((i) => i.row.fingerprint),
    payload: stored,
  };
  return { delivery, email };
}
