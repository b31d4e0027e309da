import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { subscribers } from "../../../db/schema";
import { resendUnsentConfirmations } from "../../../src/subscribers/first-confirmation";
import { createDepsWithFakeResend } from "../../support/deps";
import { givenSubscribers } from "../../support/subscriber-factory";

// Form subscribers whose confirmation never went out are resent by the scheduler tick, oldest
// first. An address Resend refuses (a domain label ending in a hyphen, stored before sign-up
// refused it) fails the same way every tick: it used to stop the whole tick, so the confirmations
// behind it waited until it aged out of the 23-hour window, by then most of theirs too.
const START = new Date("2026-11-25T12:00:00Z");
const later = (minutes: number) => new Date(START.getTime() + minutes * 60_000);
const confirmations = (deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>) =>
  deps.fake.accepted.filter((e) => e.tags.some((t) => t.value === "confirm")).map((e) => e.to[0]);

let deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>;
beforeAll(async () => {
  deps = await createDepsWithFakeResend({ now: START.toISOString() });
});
afterAll(() => deps.close());

describe("an unsent confirmation whose address Resend refuses", () => {
  it("does not hold up the unsent confirmations behind it", async () => {
    // Oldest first: the refused one, then two that the provider will take.
    for (const [i, email] of ["early@example-.com", "ann@example.com", "bob@example.com"].entries())
      await givenSubscribers(deps.db, later(i), [{ email, status: "pending" }]);
    await deps.db.update(subscribers).set({ origin: "form", confirmationSentAt: null });

    const tick = await resendUnsentConfirmations(deps, later(20));

    expect(confirmations(deps).sort()).toEqual(["ann@example.com", "bob@example.com"]);
    expect(tick).toEqual({ sent: 2, left: 1 });
    // The next tick sends nothing again: the two are recorded, the refused one is refused again.
    await resendUnsentConfirmations(deps, later(35));
    expect(confirmations(deps)).toHaveLength(2);
  });
});
