import { beforeAll, describe, expect, it } from "vitest";
import { runDigest } from "../../../src/digest/run";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession, linkPath, readPage } from "../../support/forms";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";

// Issue 18.5: every page and email naming the next digest follows the scheduler's rule, and says
// so when the filters match nothing now; the digest page says what actually happened.
const NOW = "2026-11-25T12:00:00Z"; // a Wednesday: the default Monday 08:00 UTC slot has passed this week
const harness = useAppWithFakeResend({ now: NOW });
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, " ")
    .replace(/&#39;|&#x27;/g, "'")
    .replace(/\s+/g, " ");

async function subscribeAndConfirm(fields: Record<string, string | string[]>) {
  const session = new FormSession(app);
  await session.get("/");
  await session.post("/subscribe", { email: "ann@example.com", ...fields });
  const confirm = linkPath(deps.fake.accepted.at(-1)!.text!, "confirm");
  await session.get(confirm);
  const page = text(await readPage(await session.post(confirm, {})));
  const welcome = deps.fake.accepted.find((m) => m.subject === "Welcome to Backend Weekly")!;
  return { page, welcome: welcome.text!.replace(/\s+/g, " ") };
}

describe("the first digest, in words", () => {
  it("promises the next tick when a listing matches now", async () => {
    await givenListing(deps.db, { stacks: ["go"] }, new Date("2026-11-24T12:00:00Z"));
    const { page, welcome } = await subscribeAndConfirm({ stacks: ["go"] });
    for (const words of [page, welcome]) {
      expect(words).toContain("Your first digest arrives within the next 15 minutes, then every Monday at 08:00 (UTC)");
      expect(words).not.toContain("none does");
    }
  });

  it("says the digest comes only if something matches, and that nothing does now", async () => {
    await givenListing(deps.db, { stacks: ["go"] }, new Date("2026-11-24T12:00:00Z"));
    const { page, welcome } = await subscribeAndConfirm({ stacks: ["rust"] });
    for (const words of [page, welcome]) {
      expect(words).toContain(
        "Your first digest arrives within the next 15 minutes if any listing matches your filters; right now none does.",
      );
    }
  });
});

describe("GET /digest/TOKEN", () => {
  const digestPage = async (id: string) =>
    text(await (await app.request(`/digest/${await deps.signer.sign("manage", id)}`)).text());

  it("before any digest, after an empty week: says so and dates the first digest next week, not within 15 minutes", async () => {
    const sub = await givenSubscriber(deps.db, new Date("2026-11-20T12:00:00Z"), { prefs: { stacks: ["rust"] } });
    await runDigest(deps, { now: deps.clock.now() }); // this week's slot: nothing matched
    const page = await digestPage(sub.id);
    expect(page).toContain("This week nothing new matched your filters, so no email was sent.");
    expect(page).toContain(
      "Your first digest arrives on Monday 30 November at 08:00 (UTC) if any listing matches your filters; right now none does.",
    );
  });

  it("after a digest and two empty weeks: names the empty weeks and when the next digest is due", async () => {
    // Rust, not Go: the Go listing an earlier test stored (first seen 24 November) is new to this
    // subscriber now, since runs dated before it never mailed it.
    const sub = await givenSubscriber(deps.db, new Date("2026-11-01T12:00:00Z"), { prefs: { stacks: ["rust"] } });
    await givenListing(
      deps.db,
      { stacks: ["rust"], title: "Rust Platform Engineer" },
      new Date("2026-11-08T12:00:00Z"),
    );
    for (const day of ["2026-11-09T08:05:00Z", "2026-11-16T08:05:00Z", "2026-11-23T08:05:00Z"]) {
      deps.clock.set(day);
      await runDigest(deps, { now: new Date(day) });
    }
    deps.clock.set(NOW);
    const page = await digestPage(sub.id);
    expect(page).toContain("Rust Platform Engineer"); // the latest digest that was sent
    expect(page).toContain("Nothing new matched your filters in each of the last 2 weeks, so no email was sent.");
    expect(page).toContain(
      "Your next digest is due on Monday 30 November at 08:00 (UTC) if any listing matches your filters; right now none does.",
    );
  });
});
