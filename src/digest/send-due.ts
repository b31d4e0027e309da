import { BATCH_LIMIT, type OutgoingEmail } from "../mail/mailer";
import { digestLinks } from "../subscribers/links";
import { composeDigestEmail, createDigestComposer, type DigestComposer } from "./compose";
import type { SubscriberSlice } from "./due";
import { yieldToEventLoop } from "./event-loop";
import { CLAIM_MS, insertSending, insertSkipped, type NewDelivery } from "./ledger";
import { ledgerId } from "./ledger-id";
import { countSkipped, duePages, skippedRow, type PlanSummary, type PlannedDigest } from "./plan";
import type { Deliver, SendDeps, SendSummary } from "./send";
import { packMessage, unpackMessage } from "./stored-message";

/**
 * Batches handed to the provider at once. One at a time, a batch waits for the previous one's
 * round trip (the SDK's encoding, the provider's parsing: ~80 ms for 100 digests on loopback)
 * even when composing it took less: through the fake Resend, 1 gave 600–700 emails/s and 2
 * 1,000–1,100, 3 ~6% more than 2 (measured with the earlier sending thread; the SDK now runs on
 * this thread, paced by SEND_RATE_PER_SEC). Batches waiting for their slot hold their messages.
 */
export const IN_FLIGHT = 3;

type ToSend = Extract<PlannedDigest, { picked: unknown }>;
type Skipped = Extract<PlannedDigest, { skip: unknown }>;

/**
 * The weekly run's main loop: for each due subscriber, select and compose their digest; every
 * hundred, write the batch into the ledger (`sending`, content and key fixed) and hand it to the
 * provider. Planning and sending together means a digest is composed from the state of the
 * moment it leaves, only one batch of selections and bodies is alive at a time, and each batch's
 * ledger rows are written side by side, so its writes touch a few pages, not a hundred scattered ones.
 */
export async function sendDue(
  deps: SendDeps,
  input: {
    now: Date;
    runId: string;
    summary: SendSummary;
    deliver: Deliver;
    claimTime: () => Date;
    onProgress?: (line: string) => void;
    slice?: SubscriberSlice;
    /** The run's renderer and formatters (a fresh one when absent); the bench passes its own to read the counts. */
    composer?: DigestComposer;
  },
): Promise<PlanSummary> {
  const { now, summary } = input;
  const composer = input.composer ?? createDigestComposer();
  const plan: PlanSummary = { due: 0, planned: 0, skippedEmpty: 0, skippedSuppressed: 0 };
  // The batches with the provider now, at most IN_FLIGHT of them: the next batch is selected and
  // composed while they are out. A batch is written to the ledger just before it is handed over,
  // and each one's outcome is recorded by its own deliver. Once one says stop (quota, auth, a
  // provider that stays down) or fails, nothing new is handed over; the first error is thrown
  // once every batch still out has finished.
  const inFlight = new Set<Promise<void>>();
  let stopped = false;
  let failure: { error: unknown } | null = null;
  const send = async (batch: ToSend[]): Promise<"ok" | "stop"> => {
    const composed = await Promise.all(batch.map((p) => compose(deps, composer, p)));
    while (inFlight.size >= IN_FLIGHT && !stopped) await Promise.race(inFlight);
    if (stopped) return "stop";
    const handed: Promise<void> = writeAndDeliver(composed)
      .then(
        (outcome) => void (outcome === "stop" && (stopped = true)),
        (error: unknown) => {
          failure ??= { error };
          stopped = true;
        },
      )
      .finally(() => inFlight.delete(handed));
    inFlight.add(handed);
    return "ok";
  };
  /** Waits for every batch with the provider; throws the first error one of them had. */
  const settle = async () => {
    while (inFlight.size) await Promise.all([...inFlight]);
    if (failure) throw failure.error;
  };
  const writeAndDeliver = async (composed: Composed[]): Promise<"ok" | "stop"> => {
    const key = `digest-batch:${ledgerId()}`;
    const claimUntil = new Date(input.claimTime().getTime() + CLAIM_MS);
    const inserted = await insertSending(deps.db, { runId: input.runId, key, now, claimUntil }, composed);
    // A concurrent run that planned some of these subscribers first sends those itself.
    const ours = composed.filter((d) => inserted.has(d.id));
    plan.planned += ours.length;
    if (ours.length === 0) return "ok";
    const outcome = await input.deliver(key, ours, firstFromMemory(ours), false);
    input.onProgress?.(
      `sent ${summary.sent}, skipped ${plan.skippedEmpty + plan.skippedSuppressed}, failed ${summary.failed}`,
    );
    return outcome;
  };
  try {
    await planAndSend();
  } catch (err) {
    // The batches already with the provider are finished and recorded before the error goes on.
    await settle().catch((other: unknown) =>
      deps.log.error("digest.batch_failed", { runId: input.runId, message: String(other) }),
    );
    throw err;
  }
  // Settled before the counts are read: the last batches' writes add to them.
  await settle();
  return plan;

  /** Ends early when a batch's outcome says stop (quota, auth, a provider that stays down) or it failed. */
  async function planAndSend(): Promise<void> {
    for await (const page of duePages(deps, now, { recordTooLate: true, slice: input.slice })) {
      plan.due += page.subs.length;
      const skipped: Skipped[] = [];
      let batch: ToSend[] = [];
      for (let i = 0; i < page.subs.length; i++) {
        const sub = page.subs[i]!;
        // Let the event loop turn now and then, so provider answers are recorded as they come and,
        // with the transport on this thread (up to 8 requests/s on Node), a paced request leaves
        // close to its slot, not after a long stretch of selection (measured at 2 requests/s:
        // without this, 3 requests arrived within one sliding second in 3 of 4 runs).
        if (i % 10 === 9) await yieldToEventLoop();
        const p = page.plan(sub);
        if ("skip" in p) skipped.push(p);
        else if (batch.push(p) === BATCH_LIMIT) {
          if ((await send(batch)) === "stop") return;
          batch = [];
        }
      }
      if (batch.length && (await send(batch)) === "stop") return;
      countSkipped(
        plan,
        await insertSkipped(
          deps.db,
          skipped.map((p) => skippedRow(p, now)),
        ),
      );
    }
  }
}

/**
 * The messages of a batch for each attempt: the first takes the composed messages as they are (what
 * was stored is their JSON, so a retry sends the same bytes); a retry makes them from the stored
 * bytes, as a recovery would, so nothing holds the bodies while the provider is asked again.
 */
function firstFromMemory(ours: Composed[]): () => Promise<OutgoingEmail[]> {
  let fresh: OutgoingEmail[] | undefined = ours.map((c) => c.email!);
  for (const c of ours) c.email = undefined; // the batch's rows stay alive while it is out; the bodies need not
  return () => {
    const emails = fresh;
    fresh = undefined;
    return emails ? Promise.resolve(emails) : Promise.all(ours.map((d) => unpackMessage(d.message)));
  };
}

type Composed = NewDelivery & { email?: OutgoingEmail };

async function compose(
  deps: Pick<SendDeps, "config" | "signer" | "packMessage">,
  composer: DigestComposer,
  { sub, picked, all, emailHash }: ToSend,
): Promise<Composed> {
  const links = await digestLinks(deps, sub.id);
  const items = picked.map((m) => ({ row: m.candidate.row, why: m.reasons.join(" · ") }));
  const email = await composeDigestEmail(composer, deps.config, {
    email: sub.email,
    prefs: sub.prefs,
    links,
    items,
    totalMatches: all.length,
  });
  return {
    id: ledgerId(),
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
