import { beforeAll, describe, expect, it } from "vitest";
import {
  deliveries,
  deliveryContents,
  mailedFingerprints,
  preferences,
  subscribers,
  suppressions,
} from "../../../db/schema";
import { emailHash } from "../../../src/subscribers/suppression";
import { FormSession, readPage } from "../../support/forms";
import { givenSentDigest, givenSubscriber, subscriberRow } from "./helpers";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";

const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

/** Every text value in every table, to prove an address is nowhere. */
async function everythingStored(): Promise<string> {
  const tables = await deps.database.client.execute("SELECT name FROM sqlite_master WHERE type = 'table'");
  let all = "";
  for (const { name } of tables.rows)
    all += JSON.stringify((await deps.database.client.execute(`SELECT * FROM "${String(name)}"`)).rows);
  return all.toLowerCase();
}

describe("your data", () => {
  it("downloads everything stored as JSON with a GET that changes nothing", async () => {
    const s = await givenSubscriber(deps, { email: "dora@example.com", preferences: { stacks: ["go"] } });
    await givenSentDigest(deps.db, s.id, "re_msg_1", deps.clock.now());
    const before = await everythingStored();
    const res = await app.request(`/my-data/download/${s.links.tokens.manage}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("application/json");
    expect(res.headers.get("content-disposition")).toContain("attachment");
    const data = await res.json();
    expect(data.subscription).toMatchObject({ email: "dora@example.com", status: "confirmed" });
    expect(data.preferences.stacks).toEqual(["go"]);
    expect(data.deliveries).toHaveLength(1);
    expect(data.deliveries[0]).toMatchObject({
      kind: "digest",
      period: "2026-W47",
      providerMessageId: "re_msg_1",
      listingIds: ["listing-1"],
    });
    expect(data.mailedListings).toEqual([expect.objectContaining({ fingerprint: "fp-1" })]);
    expect(data.suppression).toBeNull();
    expect(await everythingStored()).toBe(before);
  });

  it("deleting needs the confirmation step: the GET only asks, a POST without the confirmation changes nothing", async () => {
    const s = await givenSubscriber(deps);
    const session = new FormSession(app);
    const ask = await session.get(`/my-data/delete/${s.links.tokens.manage}`);
    expect(ask.status).toBe(200);
    expect(await ask.text()).toContain("Yes, delete everything");
    expect(await subscriberRow(deps.db, s.id)).toBeDefined();
    const unconfirmed = await session.post(`/my-data/delete/${s.links.tokens.manage}`, {});
    expect(unconfirmed.status).toBe(400);
    expect(await subscriberRow(deps.db, s.id)).toBeDefined();
    const noCsrf = await session.post(`/my-data/delete/${s.links.tokens.manage}`, { confirm: "yes" }, { csrf: null });
    expect(noCsrf.status).toBe(403);
    expect(await subscriberRow(deps.db, s.id)).toBeDefined();
  });

  it("export then delete leaves no row with the address anywhere", async () => {
    const s = await givenSubscriber(deps, { email: "erik@example.com" });
    await givenSentDigest(deps.db, s.id, "re_msg_2", deps.clock.now());
    const session = new FormSession(app);
    expect((await app.request(`/my-data/download/${s.links.tokens.manage}`)).status).toBe(200);
    expect(await everythingStored()).toContain("erik@example.com");

    await session.get(`/my-data/delete/${s.links.tokens.manage}`);
    const done = await session.post(`/my-data/delete/${s.links.tokens.manage}`, { confirm: "yes" });
    expect(done.status).toBe(200);
    expect(await readPage(done)).toContain("Everything we stored about you is gone");
    expect(await everythingStored()).not.toContain("erik@example.com");
    for (const t of [subscribers, preferences, deliveries, deliveryContents, mailedFingerprints])
      expect(await deps.db.select().from(t)).toEqual([]);

    expect((await app.request(s.paths.preferences)).status).toBe(404);
    expect((await app.request(`/my-data/download/${s.links.tokens.manage}`)).status).toBe(404);
  });

  it("a deleted bounced address keeps only its hash in suppressions and is not mailed when it subscribes again", async () => {
    const s = await givenSubscriber(deps, { email: "bo@example.com" });
    const hash = await emailHash(deps.suppressionKeys, "bo@example.com");
    await deps.db.insert(suppressions).values({ emailHash: hash, reason: "bounce", createdAt: deps.clock.now() });
    const session = new FormSession(app);
    await session.get(`/my-data/delete/${s.links.tokens.manage}`);
    await session.post(`/my-data/delete/${s.links.tokens.manage}`, { confirm: "yes" });
    expect(await everythingStored()).not.toContain("bo@example.com");
    expect(await deps.db.select().from(suppressions)).toEqual([
      expect.objectContaining({ emailHash: hash, reason: "bounce" }),
    ]);

    await session.get("/");
    const again = await session.post("/subscribe", { email: "Bo@Example.com" });
    expect(again.status).toBe(200);
    expect(await again.text()).toContain("Check your inbox");
    expect(deps.fake.accepted).toHaveLength(0);
    expect(await deps.db.select().from(subscribers)).toEqual([]);
  });
});
