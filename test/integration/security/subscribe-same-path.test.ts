import { drizzle } from "drizzle-orm/libsql";
import { afterAll, beforeAll, expect, it } from "vitest";
import * as schema from "../../../db/schema";
import { createApp } from "../../../src/app";
import type { Background } from "../../../src/background";
import { suppressStatements } from "../../../src/subscribers/suppression";
import { createDepsWithFakeResend } from "../../support/deps";
import { FormSession, withoutEchoes } from "../../support/forms";
import { givenSubscriber } from "../../support/subscriber-factory";

// Issue 16.4: a suppressed address was answered in ~6 ms against ~20 ms for others. The answer
// must take the same path whatever the address: same page, same statements, the rest deferred.
let deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>;
beforeAll(async () => {
  deps = await createDepsWithFakeResend();
});
afterAll(() => deps.close());

it("new, confirmed, pending, unsubscribed and suppressed addresses get the same answer after the same work", async () => {
  const now = deps.clock.now();
  await givenSubscriber(deps.db, now, { email: "confirmed@example.com" });
  await givenSubscriber(deps.db, now, { email: "pending@example.com", status: "pending" });
  await givenSubscriber(deps.db, now, { email: "left@example.com", status: "unsubscribed" });
  await givenSubscriber(deps.db, now, { email: "bounced@example.com" });
  await deps.db.batch(
    (await suppressStatements(deps.db, deps.suppressionKeys, ["bounced@example.com"], "bounce", now)) as [never],
  );

  // Every SQL statement the app runs, and the work it hands off, are recorded.
  const statements: string[] = [];
  const db = drizzle(deps.database.client, { schema, logger: { logQuery: (q) => void statements.push(q) } });
  const held: { name: string; task: () => Promise<unknown> }[] = [];
  const background: Background = { run: (name, task) => void held.push({ name, task }) };
  const app = createApp({ ...deps, db, background });

  const answers: { page: string; statements: string[]; handedOff: string[] }[] = [];
  for (const email of [
    "new@example.com",
    "confirmed@example.com",
    "pending@example.com",
    "left@example.com",
    "bounced@example.com",
  ]) {
    const session = new FormSession(app);
    await session.get("/");
    statements.length = 0;
    held.length = 0;
    const sentBefore = deps.fake.accepted.length;
    const res = await session.post("/subscribe", { email, stacks: ["go"] });
    expect(res.status).toBe(200);
    const page = withoutEchoes(await res.text());
    answers.push({ page, statements: [...statements], handedOff: held.map((h) => h.name) });
    expect(deps.fake.accepted).toHaveLength(sentBefore); // nothing is sent before the answer
    for (const h of held) await h.task();
  }
  for (const a of answers.slice(1)) expect(a).toEqual(answers[0]);
  expect(answers[0]!.handedOff).toEqual(["subscribe"]);
  // The deferred work did what each address needed: four mails, none to the suppressed address.
  expect(deps.fake.accepted.map((m) => m.to[0]).sort()).toEqual([
    "confirmed@example.com",
    "left@example.com",
    "new@example.com",
    "pending@example.com",
  ]);
});
