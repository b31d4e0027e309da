import { randomBytes } from "node:crypto";
import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { parseConfig } from "../../../src/config";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { givenSubscribers } from "../../support/subscriber-factory";

/** /metrics, /healthz and the admin stats through HTTP (issue 16.4), and the CSP header (16.9). */
const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
beforeAll(() => ({ deps } = harness));

const strong = () => randomBytes(32).toString("base64url");
function appWith(env: Record<string, string>) {
  const config = parseConfig({
    PUBLIC_URL: deps.config.publicUrl,
    DATABASE_URL: deps.config.databaseUrl,
    TOKEN_SECRET: strong(),
    ...env,
  });
  return createApp({ ...deps, config });
}
const bearer = (token: string) => ({ headers: { authorization: `Bearer ${token}` } });

describe("/metrics in production", () => {
  it("is off (404) without METRICS_TOKEN", async () => {
    const res = await appWith({ NODE_ENV: "production" }).request("/metrics");
    expect(res.status).toBe(404);
    expect(await res.text()).not.toContain("backend_weekly_subscribers");
  });

  it("answers only the bearer of METRICS_TOKEN", async () => {
    const token = strong();
    const app = appWith({ NODE_ENV: "production", METRICS_TOKEN: token });
    for (const init of [{}, bearer("wrong"), bearer(`${token}x`), { headers: { authorization: token } }]) {
      const res = await app.request("/metrics", init);
      expect(res.status).toBe(401);
      expect(res.headers.get("www-authenticate")).toContain("Bearer");
      expect(await res.text()).not.toContain("backend_weekly_subscribers");
    }
    const ok = await app.request("/metrics", bearer(token));
    expect(ok.status).toBe(200);
    expect(await ok.text()).toContain("# TYPE backend_weekly_subscribers gauge");
  });

  it("reads the scheme in any letter case, as HTTP does, for /metrics and the admin API", async () => {
    const token = strong();
    const app = appWith({ NODE_ENV: "production", METRICS_TOKEN: token, ADMIN_TOKEN: token });
    for (const scheme of ["bearer", "BEARER", "Bearer  "]) {
      const init = { headers: { authorization: `${scheme} ${token}` } };
      expect((await app.request("/metrics", init)).status, scheme).toBe(200);
      expect((await app.request("/admin/api/stats", init)).status, scheme).toBe(200);
    }
    expect((await app.request("/metrics", { headers: { authorization: `bearer ${token} x` } })).status).toBe(401);
  });

  it("outside production stays open without a token, and asks for it once one is set", async () => {
    expect((await appWith({ NODE_ENV: "development" }).request("/metrics")).status).toBe(200);
    expect(
      (await appWith({ NODE_ENV: "development", METRICS_TOKEN: "0123456789abcdef" }).request("/metrics")).status,
    ).toBe(401);
  });
});

describe("subscriber-state counts are not exposed without credentials", () => {
  it("/healthz, /metrics and /admin/api/stats say nothing about subscribers in production", async () => {
    const app = appWith({ NODE_ENV: "production", ADMIN_TOKEN: strong(), METRICS_TOKEN: strong() });
    const snapshot = async () =>
      Promise.all(
        ["/healthz", "/metrics", "/admin/api/stats"].map(async (p) => {
          const res = await app.request(p);
          return `${p} ${res.status} ${await res.text()}`;
        }),
      );
    const before = await snapshot();
    await givenSubscribers(deps.db, deps.clock.now(), [
      { status: "pending" },
      { status: "confirmed" },
      { status: "unsubscribed" },
    ]);
    const after = await snapshot();
    expect(after.map((s) => s.replace(/"requestId":"[^"]*"/, ""))).toEqual(
      before.map((s) => s.replace(/"requestId":"[^"]*"/, "")),
    );
    expect(after[0]).toBe('/healthz 200 {"status":"ok"}');
    for (const line of after) expect(line).not.toMatch(/pending|confirmed|subscriber/i);
  });
});

describe("Content-Security-Policy", () => {
  it("every page, error page and JSON answer carries a policy with no unsafe-inline script", async () => {
    const app = appWith({ NODE_ENV: "development" });
    for (const path of ["/", "/healthz", "/preferences/garbage", "/no-such-page", "/admin/api/stats"]) {
      const csp = (await app.request(path)).headers.get("content-security-policy");
      expect(csp, path).toMatch(/default-src 'none'/);
      expect(csp, path).toMatch(/script-src 'sha256-[A-Za-z0-9+/]+=*'(;|$)/);
      expect(csp, path).not.toContain("unsafe");
      expect(csp, path).toContain("frame-ancestors 'none'");
    }
  });
});

describe("security headers over a real Node server", () => {
  it("survive on a returning visitor's request (cookie already set), not only on the first", async () => {
    const app = appWith({ NODE_ENV: "development" });
    const server = serve({ fetch: app.fetch, port: 0, hostname: "127.0.0.1" });
    await new Promise((r) => server.once("listening", r));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/`;
      const first = await fetch(url);
      const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
      const again = await fetch(url, { headers: { cookie } });
      for (const res of [first, again]) {
        expect(res.headers.get("content-security-policy")).toMatch(/script-src 'sha256-/);
        expect(res.headers.get("x-frame-options")).toBe("SAMEORIGIN");
        expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      }
    } finally {
      await new Promise((r) => server.close(r));
    }
  });
});
