import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { workerApp } from "./support/worker";

const ADMIN_TOKEN = "workers-admin-token-0123456789abcdef";

// A Worker has no sources file: its sources are the SOURCES_JSON var.
describe("POST /admin/api/ingest?source= on the Worker", () => {
  it("refuses a name no configured source has, without naming a file the Worker does not have", async () => {
    const app = workerApp({ ...env, ADMIN_TOKEN, SOURCES_JSON: '{"sources":[]}' });
    const res = await app.request("/admin/api/ingest?source=nosuch", {
      method: "POST",
      headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    });
    expect(res.status).toBe(404);
    const { error } = (await res.json()) as { error: { code: string; message: string } };
    expect(error.code).toBe("NOT_FOUND");
    expect(error.message).toContain('no source named "nosuch" among the configured sources');
    expect(error.message).not.toContain("file");
  });
});
