import { BATCH_LIMIT, type OutgoingEmail } from "../mail/mailer";
import { digestLinks } from "../subscribers/links";
import { composeDigestEmail, createDigestComposer, type DigestComposer } from "./compose";
import type { SubscriberSlice } from "./due";
import { CLAIM_MS, insertSending, insertSkipped, type NewDelivery, type SkippedDigest } from "./ledger";
import { countSkipped, duePages, emptyPlanSummary, type PlanSummary, type PlannedDigest } from "./plan";
import type { Phase, SendDeps } from "./send";
import { packMessage } from "./stored-message";

type ToSend = Extract<PlannedDigest, { picked: unknown }>;

/**
 * The weekly run's main loop: for each due subscriber, select and compose their digest; every
 * hundred, write the batch into the ledger (`sending`, content and key fixed) and hand it to the
 * provider, one batch at a time. So a digest is composed from the state of the moment it leaves,
 * and only one batch of selections and bodies is alive at a time. Ends early when a batch's
 * outcome says stop (quota, auth, a provider that stays down).
 */
export async function sendDue(
  deps: SendDeps,
  input: Phase & {
    onProgress?: (line: string) => void;
    slice?: SubscriberSlice;
    /** The run's renderer and formatters (a fresh one when absent); the bench passes its own to read the counts. */
    composer?: DigestComposer;
  },
): Promise<PlanSummary> {
  const { now, summary } = input;
  const composer = input.composer ?? createDigestComposer();
  const plan = emptyPlanSummary();
  const send = async (batch: ToSend[]): Promise<"ok" | "stop"> => {
    const composed = await Promise.all(batch.map((p) => compose(deps, composer, p)));
    const key = `digest-batch:${crypto.randomUUID()}`;
    const claimUntil = new Date(input.claimTime().getTime() + CLAIM_MS);
    const inserted = await insertSending(deps.db, { runId: input.runId, key, now, claimUntil }, composed);
    // A concurrent run that wrote some of these subscribers' rows first sends those itself.
    const ours = composed.filter((d) => inserted.has(d.id));
    plan.planned += ours.length;
    if (ours.length === 0) return "ok";
    const emails = ours.map((c) => c.email);
    const outcome = await input.deliver(key, ours, emails, false);
    input.onProgress?.(
      `sent ${summary.sent}, skipped ${plan.skippedEmpty + plan.skippedSuppressed}, failed ${summary.failed}`,
    );
    return outcome;
  };
  for await (const page of duePages(deps, now, { recordTooLate: true, slice: input.slice })) {
    plan.due += page.subs.length;
    const skipped: SkippedDigest[] = [];
    let batch: ToSend[] = [];
    for (const sub of page.subs) {
      const p = page.plan(sub);
      if ("skipped" in p) skipped.push(p.skipped);
      else if (batch.push(p) === BATCH_LIMIT) {
        if ((await send(batch)) === "stop") return plan;
        batch = [];
      }
    }
    if (batch.length && (await send(batch)) === "stop") return plan;
    countSkipped(plan, await insertSkipped(deps.db, skipped, now));
  }
  return plan;
}

async function compose(
  deps: Pick<SendDeps, "config" | "signer" | "packMessage">,
  composer: DigestComposer,
  { sub, picked, all, emailHash }: ToSend,
): Promise<NewDelivery & { email: OutgoingEmail }> {
  const links = await digestLinks(deps, sub.id);
  const items = picked.map((m) => ({ row: m.candidate.row, why: m.reasons.join(" · ") }));
  const content = { email: sub.email, prefs: sub.prefs, links, items, totalMatches: all.length };
  const email = await composeDigestEmail(composer, deps.config, content);
  return {
    id: crypto.randomUUID(),
    subscriberId: sub.id,
    period: sub.period,
    listingIds: items.map((i) => i.row.id),
    matchedListingIds: all.map((c) => c.row.id),
    fingerprints: items.map((i) => i.row.fingerprint),
    emailHash,
    message: await (deps.packMessage ?? packMessage)(email),
    email,
  };
}
