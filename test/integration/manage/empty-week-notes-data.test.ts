import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { confirmationSends, emptyWeekNotes } from "../../../db/schema";
import { runDigest } from "../../../src/digest/run";
import { runHousekeeping } from "../../../src/jobs/housekeeping";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession } from "../../support/forms";
import { givenListing } from "../../support/listing-factory";
import { givenSubscriber } from "./helpers";

// The "nothing matched for two weeks" note is an email to the subscriber, stored whole (address
// included) in empty_week_notes. It was missing from their data download, its stored message was
// never pruned (digests' are after 24 hours), and deleting their data left its row wherever the
// database does not cascade (foreign keys are a per-connection setting: db/client.ts turns them
// on for files only), as it did an import's confirmation record.
const harness = useAppWithFakeResend({ now: "2026-11-25T12:00:00Z" });
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

const WEEK1 = new Date("2026-11-30T08:05:00Z"); // Mondays, just after the default 08:00 UTC slot
const WEEK2 = new Date("2026-12-07T08:05:00Z");
const HOUR = 3_600_000;
const notesOf = (id: string) => deps.db.select().from(emptyWeekNotes).where(eq(emptyWeekNotes.subscriberId, id));

it("an empty-week note is in the data download, its stored message goes after 24 hours, and its row goes with the data", async () => {
  const s = await givenSubscriber(deps, { email: "nora@example.com", preferences: { stacks: ["rust"] } });
  await deps.db.insert(confirmationSends).values({
    subscriberId: s.id,
    status: "sent",
    createdAt: WEEK1,
    updatedAt: WEEK1,
    sentAt: WEEK1,
  });
  for (const week of [WEEK1, WEEK2]) {
    await givenListing(deps.db, { stacks: ["go"] }, new Date(week.getTime() - 86_400_000));
    deps.clock.set(week);
    await runDigest(deps, { now: week });
  }
  expect(deps.fake.accepted.map((m) => m.to[0])).toEqual(["nora@example.com"]); // the note

  const download = await (await app.request(`/my-data/download/${s.links.tokens.manage}`)).json();
  expect(download.emptyWeekNotes).toEqual([
    expect.objectContaining({ period: "2026-W50", status: "sent", sentAt: WEEK2.toISOString() }),
  ]);
  expect(download.confirmationEmail).toMatchObject({ status: "sent" });
  expect(download.preferences).toMatchObject({ stacks: ["rust"], emptyWeekNotes: true }); // the setting too

  expect((await runHousekeeping(deps, { now: new Date(WEEK2.getTime() + HOUR) })).noteContentsPruned).toBe(0);
  expect(JSON.stringify((await notesOf(s.id))[0]!.payload)).toContain("nora@example.com");
  expect((await runHousekeeping(deps, { now: new Date(WEEK2.getTime() + 25 * HOUR) })).noteContentsPruned).toBe(1);
  expect(await notesOf(s.id)).toMatchObject([{ status: "sent", payload: null }]);

  // As on a connection without the pragma (Turso over HTTP): nothing cascades.
  await deps.database.client.execute("PRAGMA foreign_keys = OFF");
  try {
    const session = new FormSession(app);
    await session.get(`/my-data/delete/${s.links.tokens.manage}`);
    expect((await session.post(`/my-data/delete/${s.links.tokens.manage}`, { confirm: "yes" })).status).toBe(200);
  } finally {
    await deps.database.client.execute("PRAGMA foreign_keys = ON");
  }
  expect(await notesOf(s.id)).toEqual([]);
  expect(await deps.db.select().from(confirmationSends).where(eq(confirmationSends.subscriberId, s.id))).toEqual([]);
});
