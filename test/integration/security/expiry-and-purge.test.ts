import { count, eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { preferenceRequests, preferences, rateLimits, subscribers } from "../../../db/schema";
import { hitRateLimit, SUBSCRIBE_PER_ADDRESS, SUBSCRIBE_PER_CLIENT } from "../../../src/security/rate-limit";
import { purgeExpired } from "../../../src/subscribers/purge-expired";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession, linkPath, readPage } from "../../support/forms";
import { givenSubscriber } from "../../support/subscriber-factory";

// Issue 16.8: confirmation links expire after 7 days, and stale rows are purged.
const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});
const DAY = 24 * 3600_000;

async function statusOf(email: string) {
  return (await deps.db.select().from(subscribers).where(eq(subscribers.email, email)))[0]?.status;
}

describe("a confirmation link", () => {
  it("expires after 7 days; its page offers a new one by POST without showing the address", async () => {
    const session = new FormSession(app);
    await session.get("/");
    await session.post("/subscribe", { email: "slow@example.com" });
    const link = linkPath(deps.fake.accepted[0]!.text!, "confirm");

    deps.clock.advance(7 * DAY + 60_000);
    const page = await readPage(await session.get(link));
    expect(page).toContain("This link has expired");
    expect(page).toContain("Send me a new link");
    expect(page).not.toContain("slow@");
    expect((await session.post(link, {})).status).toBe(400);
    expect(await statusOf("slow@example.com")).toBe("pending");

    const resent = await readPage(await session.post(link, { action: "resend" }));
    expect(resent).not.toContain("slow@");
    expect(deps.fake.accepted).toHaveLength(2);
    const fresh = linkPath(deps.fake.accepted[1]!.text!, "confirm");
    await session.get(fresh);
    expect((await session.post(fresh, {})).status).toBe(200);
    expect(await statusOf("slow@example.com")).toBe("confirmed");
  });

  it("still works on its seventh day", async () => {
    const session = new FormSession(app);
    await session.get("/");
    await session.post("/subscribe", { email: "week@example.com" });
    const link = linkPath(deps.fake.accepted[0]!.text!, "confirm");
    deps.clock.advance(7 * DAY - 60_000);
    await session.get(link);
    expect((await session.post(link, {})).status).toBe(200);
    expect(await statusOf("week@example.com")).toBe("confirmed");
  });
});

describe("purgeExpired", () => {
  it("deletes long-expired pending subscribers, old choice requests and ended rate-limit windows, nothing else", async () => {
    const start = deps.clock.now();
    const old = await givenSubscriber(deps.db, start, { email: "old-pending@example.com", status: "pending" });
    await givenSubscriber(deps.db, start, { email: "old-confirmed@example.com" });
    await givenSubscriber(deps.db, start, { email: "old-left@example.com", status: "unsubscribed" });
    const prefs = (await deps.db.select().from(preferences))[0]!;
    await deps.db
      .insert(preferenceRequests)
      .values({ id: "req-old", subscriberId: old.id, preferences: prefs, createdAt: start });
    await hitRateLimit(deps.db, SUBSCRIBE_PER_CLIENT, "client-old", start);

    const later = new Date(start.getTime() + 31 * DAY);
    await givenSubscriber(deps.db, later, { email: "new-pending@example.com", status: "pending" });
    await hitRateLimit(deps.db, SUBSCRIBE_PER_ADDRESS, "address-new", later);

    const summary = await purgeExpired(deps, later);
    expect(summary).toEqual({ pendingSubscribers: 1, newChoiceRequests: 0, rateLimitRows: 1 });
    const left = (await deps.db.select({ email: subscribers.email }).from(subscribers)).map((r) => r.email).sort();
    expect(left).toEqual(["new-pending@example.com", "old-confirmed@example.com", "old-left@example.com"]);
    expect((await deps.db.select({ n: count() }).from(preferences))[0]!.n).toBe(3);
    expect(await deps.db.select().from(preferenceRequests)).toEqual([]);
    expect((await deps.db.select().from(rateLimits)).map((r) => r.key.split(":")[1])).toEqual(["address"]);

    // Idempotent, and a pending subscriber 29 days old stays.
    expect(await purgeExpired(deps, new Date(later.getTime() + 29 * DAY))).toEqual({
      pendingSubscribers: 0,
      newChoiceRequests: 0,
      rateLimitRows: 1,
    });
    expect(await statusOf("new-pending@example.com")).toBe("pending");
  });

  it("deletes a request for new choices once its link has expired", async () => {
    const start = deps.clock.now();
    const s = await givenSubscriber(deps.db, start, { email: "keeper@example.com" });
    const prefs = (await deps.db.select().from(preferences))[0]!;
    await deps.db
      .insert(preferenceRequests)
      .values({ id: "req-1", subscriberId: s.id, preferences: prefs, createdAt: start });
    expect((await purgeExpired(deps, new Date(start.getTime() + 6 * DAY))).newChoiceRequests).toBe(0);
    expect((await purgeExpired(deps, new Date(start.getTime() + 8 * DAY))).newChoiceRequests).toBe(1);
    expect(await statusOf("keeper@example.com")).toBe("confirmed");
  });
});
