import { env } from "cloudflare:test";
import { eq } from "drizzle-orm";
import { drizzle } from "drizzle-orm/d1";
import { beforeEach, describe, expect, it } from "vitest";
import { subscribers } from "../../db/schema";
import { FormSession, linkPath, readPage } from "../support/forms";
import { fakeResend, workerApp } from "./support/worker";

const db = drizzle(env.DB);
const STRONG = "q3V8xN2mK7pL4rT9wY1zB6cF0hJ5dG8sA2eU7iO3nM4";

beforeEach(async () => {
  await fakeResend("/reset");
});

describe("subscribe → confirm through the Worker's fetch, on D1", () => {
  it("stores a pending subscriber, mails the link through Resend, and confirms on POST", async () => {
    const app = workerApp();
    const session = new FormSession(app);
    expect((await session.get("/")).status).toBe(200);
    const res = await session.post("/subscribe", {
      email: "Ann@Example.com",
      stacks: ["go"],
      timezone: "Europe/Lisbon",
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your inbox");
    const [pending] = await db.select().from(subscribers).where(eq(subscribers.email, "ann@example.com"));
    expect(pending!.status).toBe("pending");

    const mails = await fakeResend("/accepted");
    expect(mails.map((m) => m.to)).toEqual([["ann@example.com"]]);
    const confirmPath = linkPath(mails[0]!.text, "confirm");
    const page = await session.get(confirmPath);
    expect(await page.text()).toContain("Confirm my subscription");
    const done = await session.post(confirmPath, {});
    expect(done.status).toBe(200);
    expect(await readPage(done)).toContain("You're subscribed");
    const [confirmed] = await db.select().from(subscribers).where(eq(subscribers.email, "ann@example.com"));
    expect(confirmed!.status).toBe("confirmed");
  });

  it("without RESEND_API_KEY puts the mail in the database outbox that /dev/outbox shows", async () => {
    const app = workerApp({ ...env, RESEND_API_KEY: undefined });
    const session = new FormSession(app);
    await session.get("/");
    expect((await session.post("/subscribe", { email: "bo@example.com" })).status).toBe(200);
    const list = await readPage(await session.get("/dev/outbox"));
    expect(list).toContain("bo@example.com");
    const id = list.match(/href="\/dev\/outbox\/([a-f0-9]{24}-\d+)"/)![1];
    const message = await readPage(await session.get(`/dev/outbox/${id}`));
    expect(message).toMatch(/\/confirm\//);
    expect(await fakeResend("/accepted")).toEqual([]);
  });

  it("refuses to start in production without a Resend key (no outbox there), naming the variable", async () => {
    const res = await workerApp({
      ...env,
      NODE_ENV: "production",
      TOKEN_SECRET: STRONG,
      RESEND_API_KEY: undefined,
    }).request("/healthz");
    expect(res.status).toBe(500);
    expect(await res.text()).toContain("RESEND_API_KEY: required in production");
    // The headers every answer carries, though the app that adds them could not be built.
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    expect(res.headers.get("cache-control")).toBe("no-store");
  });
});
