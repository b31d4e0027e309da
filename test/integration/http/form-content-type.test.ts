import { beforeAll, describe, expect, it } from "vitest";
import { subscribers } from "../../../db/schema";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { givenSubscriber } from "../manage/helpers";

// The HTML forms take form data; JSON (or text) sent to them is the wrong door, not an expired form.
const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

/** A POST under `type` with a valid CSRF cookie, and its token in the body as that type would carry it. */
async function postAs(path: string, type: string, fields: Record<string, string>) {
  const page = await app.request("/");
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
  const all = { _csrf: csrf, ...fields };
  const body = type === "application/json" ? JSON.stringify(all) : new URLSearchParams(all).toString();
  return app.request(path, { method: "POST", body, headers: { "content-type": type, cookie } });
}

describe("a form POST that is not form data", () => {
  it("POST /subscribe with JSON answers 415 pointing at /api/subscribe, storing and mailing nothing", async () => {
    const res = await postAs("/subscribe", "application/json", { email: "ann@example.com" });
    expect(res.status).toBe(415);
    expect(res.headers.get("content-type")).toMatch(/^text\/html/);
    const html = await res.text();
    expect(html).toContain("form data");
    expect(html).toContain("/api/subscribe");
    expect(html).not.toContain("expired");
    expect(await deps.db.select().from(subscribers)).toHaveLength(0);
    expect(deps.fake.accepted).toHaveLength(0);
  });

  it("answers 415 on the other forms too, and form data still works", async () => {
    const s = await givenSubscriber(deps, { email: "bea@example.com" });
    const text = await postAs(s.paths.preferences, "text/plain", { action: "pause", weeks: "2" });
    expect(text.status).toBe(415);
    expect(await text.text()).toContain("form data");

    expect((await postAs("/subscribe", "application/x-www-form-urlencoded", { email: "cy@example.com" })).status).toBe(
      200,
    );
  });
});
