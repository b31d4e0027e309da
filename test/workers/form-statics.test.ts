import { env } from "cloudflare:test";
import { afterEach, describe, expect, it, vi } from "vitest";
import { FormStatics } from "../../src/pages/form-statics";
import { formStaticsFor } from "../../src/worker";
import { workerApp } from "./support/worker";

afterEach(() => {
  vi.restoreAllMocks();
});

// The Worker builds its app per request; the subscribe page and the timezone list must not be
// rebuilt with it (54 ms of CPU a GET / instead of 2.5 ms, over the Free plan's 10 ms).
describe("the forms' prebuilt parts outlive a Worker request", () => {
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

  it("keeps one set per environment", () => {
    expect(formStaticsFor(env)).toBe(formStaticsFor(env));
    expect(formStaticsFor({ ...env })).not.toBe(formStaticsFor(env));
  });
});
