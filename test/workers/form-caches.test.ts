import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FormStatics } from "../../src/pages/form-statics";
import { formCachesFor } from "../../src/worker";
import { workerApp } from "./support/worker";

afterEach(() => {
  vi.restoreAllMocks();
});

// The Worker builds its app per request; the subscribe page, the timezone list and the live
// count's listings must not be rebuilt with it (54 ms of CPU a GET / instead of 2.5 ms, over the
// Free plan's 10 ms, and every open listing read again for each page and count).
describe("the forms' caches outlive a Worker request", () => {
  it("renders GET / once for two visits, each with its own CSRF token", async () => {
    const render = vi.spyOn(FormStatics.prototype, "timezoneOptions");
    const app = workerApp();
    const first = await app.request("/");
    const second = await app.request("/");
    expect([first.status, second.status]).toEqual([200, 200]);
    const token = (html: string) => html.match(/name="_csrf" value="([^"]+)"/)?.[1];
    const [a, b] = [token(await first.text()), token(await second.text())];
    expect(a).toBeTruthy();
    expect(a).not.toBe(b);
    expect(render).toHaveBeenCalledTimes(1);
  });

  it("loads the live count's listings once while they do not change", async () => {
    const app = workerApp();
    expect((await app.request("/api/match-count")).status).toBe(200);
    const pool = formCachesFor(env).pool.pool;
    expect(pool).not.toBeNull();
    expect((await app.request("/api/match-count?stacks=go")).status).toBe(200);
    expect(formCachesFor(env).pool.pool).toBe(pool);
  });

  it("keeps one set per environment", () => {
    expect(formCachesFor(env)).toBe(formCachesFor(env));
    expect(formCachesFor({ ...env })).not.toBe(formCachesFor(env));
  });
});
