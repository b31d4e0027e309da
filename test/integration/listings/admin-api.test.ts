import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { createTestDeps, type TestDeps } from "../../support/deps";

const ADMIN = "admin-token-0123456789";
let deps: TestDeps;
let app: ReturnType<typeof createApp>;

const api = (path: string, init: RequestInit & { token?: string | null } = {}) =>
  app.request(`/admin/api${path}`, {
    ...init,
    headers: {
      ...(init.token === null ? {} : { authorization: `Bearer ${init.token ?? ADMIN}` }),
      ...(init.body ? { "content-type": "application/json" } : {}),
    },
  });

const hostile = {
  url: "https://jobs.example.com/backend-1",
  title: "Senior Backend Engineer (Go) <img src=x onerror=alert(1)>",
  company: "Acme <b>Corp</b>",
  description:
    "<p>Build APIs in <b>Go</b>.</p><script>alert('xss')</script><img src=x onerror=\"alert(2)\"> Remote (worldwide). $150k-$180k",
  descriptionFormat: "html",
  location: "Remote, worldwide",
  workplace: "remote",
};

beforeAll(async () => {
  deps = await createTestDeps({ mailer: null as never, env: { ADMIN_TOKEN: ADMIN } });
  app = createApp(deps);
});
afterAll(() => deps.close());

describe("admin API", () => {
  it("needs the bearer token", async () => {
    const none = await api("/listings", { token: null });
    expect(none.status).toBe(401);
    expect(await none.json()).toEqual({ error: { code: "UNAUTHORIZED", message: expect.stringContaining("Bearer") } });
    expect((await api("/listings", { token: "wrong-token-0123456789" })).status).toBe(401);
  });

  it("adds a listing by hand, reduces untrusted HTML to plain text, lists and closes it", async () => {
    const created = await api("/listings", { method: "POST", body: JSON.stringify(hostile) });
    expect(created.status).toBe(201);
    const { listing } = (await created.json()) as { listing: Record<string, unknown> };
    expect(listing).toMatchObject({
      source: "manual",
      status: "open",
      isBackend: true,
      stacks: ["go"],
      seniority: "senior",
    });
    for (const field of ["title", "company", "description"]) {
      expect(listing[field]).not.toMatch(/<script|onerror|<img|<b>|<p>/i);
    }
    expect(listing.description).toContain("Build APIs in Go.");

    const again = await api("/listings", { method: "POST", body: JSON.stringify(hostile) });
    expect(again.status).toBe(200); // the same listing, not a second one

    const list = (await (await api("/listings?status=open&q=Backend")).json()) as {
      total: number;
      listings: { id: string }[];
    };
    expect(list.total).toBe(1);
    const id = list.listings[0]!.id;
    const closed = await api(`/listings/${encodeURIComponent(id)}/close`, { method: "POST" });
    expect(((await closed.json()) as { listing: { status: string } }).listing.status).toBe("closed");
    expect(((await (await api("/listings?status=open")).json()) as { total: number }).total).toBe(0);
  });

  it("answers bad input with a clear JSON 4xx", async () => {
    const notJson = await app.request("/admin/api/listings", {
      method: "POST",
      body: "{oops",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "application/json" },
    });
    expect(notJson.status).toBe(400);
    expect(((await notJson.json()) as { error: { code: string } }).error.code).toBe("BAD_REQUEST");
    const noUrl = await api("/listings", { method: "POST", body: JSON.stringify({ title: "x", company: "y" }) });
    expect(noUrl.status).toBe(400);
    expect(((await noUrl.json()) as { error: { message: string } }).error.message).toMatch(/Invalid listing/);
    for (const limit of ["100000", "ten"]) {
      const badQuery = await api(`/listings?limit=${limit}`);
      expect(badQuery.status).toBe(400);
      expect(JSON.stringify(await badQuery.json())).toContain("must be a whole number from 1 to 500");
    }
    for (const offset of ["0x10", "-1", "%202"]) {
      const badOffset = await api(`/listings?offset=${offset}`);
      expect(badOffset.status, offset).toBe(400);
      expect(JSON.stringify(await badOffset.json())).toContain("must be a whole number 0 or more");
    }
    const missing = await api("/listings/nope/close", { method: "POST" });
    expect(missing.status).toBe(404);
  });

  it("answers 415 to a body that is not declared as JSON, storing nothing", async () => {
    const body = JSON.stringify({
      ...hostile,
      url: "https://jobs.example.com/typed-as-text",
      title: "Platform Engineer (Rust)",
      company: "Typed Ltd",
    });
    for (const type of ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x"]) {
      const res = await app.request("/admin/api/listings", {
        method: "POST",
        body,
        headers: { authorization: `Bearer ${ADMIN}`, "content-type": type },
      });
      expect(res.status).toBe(415);
      expect(await res.json()).toEqual({
        error: { code: "UNSUPPORTED_MEDIA_TYPE", message: expect.stringContaining("application/json") },
      });
    }
    const untyped = await app.request("/admin/api/listings", {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${ADMIN}` },
    });
    expect(untyped.status).toBe(415);
    const typed = await app.request("/admin/api/ingest", {
      method: "POST",
      body: "x",
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "text/plain" },
    });
    expect(typed.status).toBe(415);
    const list = (await (await api("/listings?q=Typed")).json()) as { total: number };
    expect(list.total).toBe(0);
    // A bodyless POST needs no type, and JSON with a charset is JSON.
    expect((await api("/digest/run?dryRun=true", { method: "POST" })).status).toBe(200);
    const charset = await app.request("/admin/api/listings", {
      method: "POST",
      body,
      headers: { authorization: `Bearer ${ADMIN}`, "content-type": "Application/JSON; charset=utf-8" },
    });
    expect(charset.status).toBe(201);
  });

  it("reports counts and the last runs", async () => {
    const stats = (await (await api("/stats")).json()) as { listings: Record<string, unknown>; runs: unknown[] };
    expect(stats.listings).toHaveProperty("closed");
    const ingest = await api("/ingest", { method: "POST" });
    expect(ingest.status).toBe(200);
    const after = (await (await api("/stats")).json()) as { runs: { job: string; status: string }[] };
    expect(after.runs[0]).toMatchObject({ job: "ingest", status: "ok" });
  });

  it("refuses to ingest a source it has not got, as the CLI does, and runs nothing", async () => {
    const runsBefore = ((await (await api("/stats")).json()) as { runs: unknown[] }).runs.length;
    const res = await api("/ingest?source=nosuch", { method: "POST" });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({
      error: { code: "NOT_FOUND", message: expect.stringContaining('no source named "nosuch"') },
    });
    const runsAfter = ((await (await api("/stats")).json()) as { runs: unknown[] }).runs.length;
    expect(runsAfter).toBe(runsBefore);
  });

  it("refuses an empty source name instead of fetching every source", async () => {
    const runsBefore = ((await (await api("/stats")).json()) as { runs: unknown[] }).runs.length;
    const res = await api("/ingest?source=", { method: "POST" });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "VALIDATION_FAILED",
        message: "source is empty: name a configured source, or leave it out for all.",
      },
    });
    const runsAfter = ((await (await api("/stats")).json()) as { runs: unknown[] }).runs.length;
    expect(runsAfter).toBe(runsBefore);
  });

  it("searches q as typed: LIKE's % and _ are plain characters, not wildcards", async () => {
    const all = ((await (await api("/listings")).json()) as { total: number }).total;
    expect(all).toBeGreaterThan(0);
    for (const q of ["_", "%", "%25", "\\"]) {
      const found = (await (await api(`/listings?q=${encodeURIComponent(q)}`)).json()) as { total: number };
      expect(found.total, q).toBe(0);
    }
    const typed = (await (await api("/listings?q=backend")).json()) as { total: number };
    expect(typed.total).toBeGreaterThan(0);
  });

  it("is disabled when ADMIN_TOKEN is unset", async () => {
    const plain = await createTestDeps({ mailer: null as never });
    const res = await createApp(plain).request("/admin/api/listings", {
      headers: { authorization: "Bearer anything" },
    });
    expect(res.status).toBe(404);
    await plain.close();
  });
});
