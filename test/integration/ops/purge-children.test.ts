import { afterAll, beforeAll, expect, it } from "vitest";
import { confirmationSends } from "../../../db/schema";
import { runHousekeeping } from "../../../src/jobs/housekeeping";
import { createTestDeps, type TestDeps } from "../../support/deps";
import { givenSubscriber } from "../../support/subscriber-factory";

// An imported subscriber who never confirmed is deleted 30 days after their confirmation went out;
// the record of that confirmation (confirmation_sends) went only by ON DELETE CASCADE, which needs
// foreign keys on for the connection (db/client.ts turns them on for files only): it stayed behind.
const NOW = new Date("2026-06-30T03:30:00Z");
let deps: TestDeps;
beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never });
});
afterAll(() => deps.close());

it("purging an expired pending subscriber removes its confirmation record too, cascade or not", async () => {
  const longAgo = new Date(NOW.getTime() - 31 * 86_400_000);
  const pending = await givenSubscriber(deps.db, longAgo, { status: "pending" });
  await deps.db.insert(confirmationSends).values({
    subscriberId: pending.id,
    status: "sent",
    createdAt: longAgo,
    updatedAt: longAgo,
    sentAt: longAgo,
  });
  await deps.database.client.execute("PRAGMA foreign_keys = OFF"); // as a connection without the pragma
  try {
    expect(await runHousekeeping(deps, { now: NOW })).toMatchObject({ pendingSubscribers: 1 });
  } finally {
    await deps.database.client.execute("PRAGMA foreign_keys = ON");
  }
  expect(await deps.db.select().from(confirmationSends)).toEqual([]);
});
