import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { confirmationSends, preferences, subscribers, suppressions } from "../../../db/schema";
import { describeImport } from "../../../src/cli/subscribers-import";
import { createLinkSigner } from "../../../src/security/tokens";
import { plannedConfirmations, sendImportConfirmations } from "../../../src/subscribers/import-confirmations";
import type { FaultKind } from "../../support/fake-resend";
import { createDepsWithFakeResend, instantRetry } from "../../support/deps";
import { givenSubscriber } from "./helpers";

let deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>;
beforeAll(async () => {
  deps = await createDepsWithFakeResend();
});
afterAll(() => deps.close());
beforeEach(async () => {
  deps.fake.reset();
  deps.retry = instantRetry();
  for (const t of [confirmationSends, preferences, subscribers, suppressions]) await deps.db.delete(t);
});

/** Two pending addresses Resend takes and one it refuses on its own, each with a planned confirmation. */
async function givenPlanned() {
  const ids: string[] = [];
  for (const email of ["ann@example.com", "early@example-.com", "bob@example.com"])
    ids.push((await givenSubscriber(deps, { email, status: "pending" })).id);
  await deps.db.insert(confirmationSends).values(plannedConfirmations(ids, deps.clock.now()));
}

const statuses = async () =>
  (await deps.db.select({ status: confirmationSends.status }).from(confirmationSends)).map((r) => r.status).sort();
const mailedTo = () => deps.fake.accepted.map((m) => m.to[0]).sort();

/** Faults for the batch calls in turn, then none. */
function faults(...kinds: FaultKind[]) {
  let n = 0;
  deps.fake.setFault(() => kinds[n++] ?? "none");
}

describe("import confirmations: a batch with a refused address under provider faults", () => {
  it.each([
    [["500", "accept-then-drop"]],
    [["429", "drop", "accept-then-drop", "500"]],
    [["accept-then-drop", "accept-then-drop"]],
  ] as FaultKind[][][])("%j: each address mailed once, the refusal recorded once", async (kinds) => {
    await givenPlanned();
    faults(...kinds);

    const summary = await sendImportConfirmations(deps);

    expect(summary).toMatchObject({ sent: 2, refused: 1, unknown: 0 });
    expect(summary.mailError).toBeUndefined();
    expect(mailedTo()).toEqual(["ann@example.com", "bob@example.com"]);
    expect(await statuses()).toEqual(["refused", "sent", "sent"]);
  });

  it("a run that gave up after accept-then-drop is finished by the next with the same answer", async () => {
    await givenPlanned();
    deps.retry = instantRetry(1);
    faults("accept-then-drop");
    const first = await sendImportConfirmations(deps);
    expect(first).toMatchObject({ sent: 0, refused: 0 });
    expect(first.mailError).toBeDefined();
    expect(await statuses()).toEqual(["sending", "sending", "sending"]);

    const next = await sendImportConfirmations(deps);

    expect(next).toMatchObject({ sent: 2, resumed: 2, refused: 1 });
    expect(mailedTo()).toEqual(["ann@example.com", "bob@example.com"]);
    expect(await statuses()).toEqual(["refused", "sent", "sent"]);
  });

  it("two runs at once: each address mailed once, sent and refused counted once between them", async () => {
    await givenPlanned();
    deps.fake.configure({ latencyMs: 200 });
    const runs = await Promise.all([sendImportConfirmations(deps), sendImportConfirmations(deps)]);
    deps.fake.configure({ latencyMs: 0 });

    expect(runs[0].sent + runs[1].sent).toBe(2);
    expect(runs[0].refused + runs[1].refused).toBe(1);
    expect(mailedTo()).toEqual(["ann@example.com", "bob@example.com"]);
    expect(await statuses()).toEqual(["refused", "sent", "sent"]);
  });
});

describe("import confirmations: a left batch Resend will not replay", () => {
  // The token secret was rotated between the lost answer and the next run: the messages' links
  // differ, Resend answers 409 (a different body under the key). The batch may have gone out, so
  // it cannot be resent; it used to stop every later run at it for 24 hours, so no confirmation
  // planned after it went out meanwhile.
  it("is marked unknown, and the confirmations planned after it still go out", async () => {
    await givenPlanned();
    deps.retry = instantRetry(1);
    faults("accept-then-drop");
    await sendImportConfirmations(deps);
    expect(await statuses()).toEqual(["sending", "sending", "sending"]);
    const { id } = await givenSubscriber(deps, { email: "cy@example.com", status: "pending" });
    await deps.db.insert(confirmationSends).values(plannedConfirmations([id], deps.clock.now()));
    const rotated = { ...deps, signer: await createLinkSigner(["a-new-secret-of-at-least-32-characters!!"]) };

    const next = await sendImportConfirmations(rotated);

    expect(next).toMatchObject({ unknown: 3, sent: 1 });
    expect(await statuses()).toEqual(["sent", "unknown", "unknown", "unknown"]);
    expect(deps.fake.accepted.filter((m) => m.to[0] === "cy@example.com")).toHaveLength(1);
    // And the import's last line says so.
    const counts = { rows: 1, created: 1, existing: 0, suppressed: 0, duplicates: 0, invalid: [], ignoredColumns: [] };
    const mailed = { confirmationsSent: 1, confirmationsResumed: 0, confirmationsRefused: 0, confirmationsUnknown: 3 };
    expect(describeImport({ ...counts, ...mailed }, false)).toContain(
      "1 confirmation email sent, 3 unknown (left with the provider, not resent)",
    );
  });
});
