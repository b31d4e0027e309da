import { env } from "cloudflare:test";
import { count } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { outboxMessages } from "../../db/schema";
import { fixedClock } from "../../src/clock";
import { createDatabaseOutbox } from "../../src/mail/transports/outbox-db";
import { subscriberSlices } from "../../src/workers/slices";
import { d1, givenWeek } from "./support/seed";

const db = d1();

describe("D1's limits, on the real D1", () => {
  it("refuses a statement with more than 100 bound parameters (so the tests below can fail)", async () => {
    const inList = (n: number) => `SELECT 1 IN (${Array.from({ length: n }, () => "?").join(",")}) AS found`;
    const params = (n: number) => Array.from({ length: n }, (_, i) => i);
    expect(
      await env.DB.prepare(inList(100))
        .bind(...params(100))
        .first(),
    ).toEqual({ found: 1 });
    await expect(
      env.DB.prepare(inList(101))
        .bind(...params(101))
        .first(),
    ).rejects.toThrow(/too many SQL variables/i);
  });

  it("the database outbox stores a batch of 100 messages within the limit, once per key", async () => {
    const outbox = createDatabaseOutbox(db, fixedClock("2026-12-07T09:00:00Z"));
    const emails = Array.from({ length: 100 }, (_, i) => ({
      to: `r${i}@example.com`,
      from: "Backend Weekly <digest@example.com>",
      subject: `Digest ${i}`,
      html: "<p>hi</p>",
      text: "hi",
      headers: { "List-Unsubscribe": "<https://example.com/u>" },
      tags: [{ name: "kind", value: "digest" }],
    }));
    const { ids } = await outbox.sendBatch(emails, { idempotencyKey: "digest/week-49/batch-1" });
    await outbox.sendBatch(emails, { idempotencyKey: "digest/week-49/batch-1" });
    expect(new Set(ids).size).toBe(100);
    const [row] = await db.select({ n: count() }).from(outboxMessages);
    expect(row!.n).toBe(100);
    expect((await outbox.get(ids[42]!))!.to).toBe("r42@example.com");
  });

  it("cuts 250 confirmed subscribers into contiguous id slices that cover each exactly once", async () => {
    const people = await givenWeek(db, 250);
    const slices = await subscriberSlices(db, 60);
    expect(slices).toHaveLength(5);
    const ids = people.map((p) => p.id).sort();
    const covered = ids.map((id) => slices.filter((s) => s.fromId <= id && id <= s.toId).length);
    expect(covered.every((n) => n === 1)).toBe(true);
    expect(slices[0]!.fromId).toBe(ids[0]);
    expect(slices.at(-1)!.toId).toBe(ids.at(-1));
  });
});
