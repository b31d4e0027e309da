import { eq } from "drizzle-orm";
import { beforeAll, expect, it } from "vitest";
import { preferences } from "../../../db/schema";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession, readPage } from "../../support/forms";
import { givenSubscriber } from "../../support/subscriber-factory";

// Issue 18.5: the empty-week note can be turned off (and on) from the preference page.
const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

const setting = async (id: string) =>
  (
    await deps.db.select({ on: preferences.emptyWeekNotes }).from(preferences).where(eq(preferences.subscriberId, id))
  )[0]!.on;

it("the preference page shows the setting on by default; unticking it saves off and says so, ticking it turns it back on", async () => {
  const sub = await givenSubscriber(deps.db, deps.clock.now());
  const path = `/preferences/${await deps.signer.sign("manage", sub.id)}`;
  const session = new FormSession(app);
  const page = await readPage(await session.get(path));
  expect(page).toContain('id="field-emptyWeekNotes"');
  expect(page).toMatch(/name="emptyWeekNotes" value="yes" checked/);
  expect(await setting(sub.id)).toBe(true);

  // An unticked box sends only the hidden "no".
  const off = await readPage(await session.post(path, { action: "save", emptyWeekNotes: "no" }));
  expect(await setting(sub.id)).toBe(false);
  expect(off).toContain("Empty weeks");
  expect(off).not.toMatch(/name="emptyWeekNotes" value="yes" checked/);

  // A save without the field (an older page) leaves it as it is.
  await session.post(path, { action: "save" });
  expect(await setting(sub.id)).toBe(false);

  await session.post(path, { action: "save", emptyWeekNotes: ["no", "yes"] });
  expect(await setting(sub.id)).toBe(true);
});
