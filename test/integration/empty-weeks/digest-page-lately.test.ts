import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { subscribers } from "../../../db/schema";
import { runDigest } from "../../../src/digest/run";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "../../support/subscriber-factory";

// The digest page says what the latest weeks did. It counted the latest empty rows whatever their
// weeks: an empty week a month ago, with weeks paused since, read "Last week nothing new matched",
// and a row a run with --now ahead wrote for a week still to come counted as one of "the last 2 weeks".
const harness = useAppWithFakeResend({ now: "2026-11-25T12:00:00Z" }); // a Wednesday
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

const DAY = 86_400_000;
const digestPage = async (id: string) =>
  (await (await app.request(`/digest/${await deps.signer.sign("manage", id)}`)).text())
    .replace(/<[^>]+>/g, " ")
    .replace(/\s+/g, " ");

async function emptyWeekAt(iso: string) {
  deps.clock.set(iso);
  await runDigest(deps, { now: new Date(iso) });
}

it("an empty week a month ago, paused since, is not last week", async () => {
  const sub = await givenSubscriber(deps.db, new Date("2026-10-20T12:00:00Z"), { prefs: { stacks: ["rust"] } });
  await givenListing(deps.db, { stacks: ["go"] }, new Date("2026-10-25T12:00:00Z"));
  await emptyWeekAt("2026-10-26T08:05:00Z"); // Monday: nothing matched; then paused until now
  await deps.db
    .update(subscribers)
    .set({ pausedUntil: new Date("2026-11-24T00:00:00Z") })
    .where(eq(subscribers.id, sub.id));
  deps.clock.set("2026-11-25T12:00:00Z");
  const page = await digestPage(sub.id);
  expect(page).not.toContain("nothing new matched");
  expect(page).not.toContain("Nothing new matched");
});

it("a row a run ahead of now wrote for a week still to come is not one of the last weeks", async () => {
  const sub = await givenSubscriber(deps.db, new Date("2026-11-20T12:00:00Z"), { prefs: { stacks: ["elixir"] } });
  await emptyWeekAt("2026-11-23T08:05:00Z"); // this week: nothing matched
  await emptyWeekAt(new Date(Date.parse("2026-11-23T08:05:00Z") + 21 * DAY).toISOString()); // --now 3 weeks ahead
  deps.clock.set("2026-11-25T12:00:00Z");
  expect(await digestPage(sub.id)).toContain("This week nothing new matched your filters, so no email was sent.");
});
