import { beforeAll, describe, expect, it } from "vitest";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";

// RFC 9110 §15.5.6: a method the path does not answer is a 405 naming, in Allow, the methods it does.
const ADMIN = "admin-token-for-method-tests-0123456789";
const METRICS = "metrics-token-for-method-tests-0123";
const harness = useAppWithFakeResend({ env: { ADMIN_TOKEN: ADMIN, METRICS_TOKEN: METRICS } });
let app: AppHarness["app"];
beforeAll(() => {
  ({ app } = harness);
});

const TOKEN = "manage.00000000-0000-0000-0000-000000000000.x";

describe("a method the path does not answer", () => {
  it.each([
    ["PUT", "/", "GET, HEAD"],
    ["DELETE", "/", "GET, HEAD"],
    ["PUT", "/healthz", "GET, HEAD"],
    ["POST", "/healthz", "GET, HEAD"],
    ["PUT", "/sample", "GET, HEAD"],
    ["DELETE", "/confirm/x", "GET, HEAD, POST"],
    ["PUT", `/preferences/${TOKEN}`, "GET, HEAD, POST"],
    ["DELETE", "/unsubscribe/x", "GET, HEAD, POST"],
    ["GET", "/api/subscribe", "POST"],
    // A form POST (no CSRF token) to a path no POST route answers: 405, not the form check's 403.
    ["POST", "/", "GET, HEAD"],
    ["POST", "/sample", "GET, HEAD"],
    ["POST", "/digest/abc", "GET, HEAD"],
    ["OPTIONS", "/", "GET, HEAD"],
    ["OPTIONS", "/confirm/x", "GET, HEAD, POST"],
    ["OPTIONS", "/healthz", "GET, HEAD"],
  ])("%s %s answers 405 with Allow: %s", async (method, path, allow) => {
    const res = await app.request(path, { method });
    expect(res.status).toBe(405);
    expect(res.headers.get("allow")).toBe(allow);
    const text = await res.text();
    expect(text).toContain(`does not answer ${method}`);
    expect(text).not.toMatch(/Not found|nothing at this address/);
  });

  it("a POST to a path nothing answers is a 404, not a 403 for its missing form token", async () => {
    const res = await app.request("/nothing-here", { method: "POST", body: new URLSearchParams({ a: "1" }) });
    expect(res.status).toBe(404);
  });

  it("answers a page path with an HTML page and a JSON path with the JSON error", async () => {
    const page = await app.request("/sample", { method: "DELETE" });
    expect(page.headers.get("content-type")).toMatch(/^text\/html/);
    const json = await app.request("/healthz", { method: "POST" });
    expect(await json.json()).toEqual({
      error: { code: "METHOD_NOT_ALLOWED", message: expect.stringContaining("GET") },
    });
  });

  it("tells an admin client what the admin path answers, but only behind the token", async () => {
    const headers = { authorization: `Bearer ${ADMIN}` };
    const wrong = await app.request("/admin/api/ingest", { method: "GET", headers });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("POST");
    const close = await app.request("/admin/api/listings/some-id/close", { method: "DELETE", headers });
    expect(close.headers.get("allow")).toBe("POST");
    const anonymous = await app.request("/admin/api/ingest", { method: "GET" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("allow")).toBeNull();
  });

  it("asks for the metrics token first, and keeps a switched-off endpoint 404 for every method", async () => {
    const anonymous = await app.request("/metrics", { method: "DELETE" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("allow")).toBeNull();
    const bearer = await app.request("/metrics", { method: "DELETE", headers: { authorization: `Bearer ${METRICS}` } });
    expect(bearer.status).toBe(405);
    expect(bearer.headers.get("allow")).toBe("GET, HEAD");
    // No RESEND_WEBHOOK_SECRET here: /webhooks/resend is off, and no method may tell it exists.
    for (const method of ["POST", "GET", "PATCH"]) {
      const res = await app.request("/webhooks/resend", { method });
      expect(res.status).toBe(404);
      expect(res.headers.get("allow")).toBeNull();
    }
  });

  it("keeps 404 for paths nothing answers, whatever the method", async () => {
    for (const method of ["GET", "PUT", "OPTIONS"]) {
      const res = await app.request("/no-such-page", { method });
      expect(res.status).toBe(404);
      expect(res.headers.get("allow")).toBeNull();
    }
  });

  it("keeps answering HEAD where GET is answered, and the CORS preflight of /api/subscribe", async () => {
    expect((await app.request("/healthz", { method: "HEAD" })).status).toBe(200);
    const preflight = await app.request("/api/subscribe", {
      method: "OPTIONS",
      headers: { origin: "https://evil.example", "access-control-request-method": "POST" },
    });
    expect(preflight.status).toBe(403); // as test/integration/subscribe/api-subscribe.test.ts asserts
    expect((await app.request("/api/subscribe", { method: "OPTIONS" })).status).toBe(204);
  });
});
