import { beforeAll, describe, expect, it } from "vitest";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession } from "../../support/forms";

const harness = useAppWithFakeResend();
let app: AppHarness["app"];
beforeAll(() => {
  ({ app } = harness);
});

const tokenIn = (html: string) => /name="_csrf" value="([^"]+)"/.exec(html)?.[1];

/** GET / is served from bytes rendered once (issue 18.10): each visitor must still get their own token. */
describe("the subscribe page served from its cached bytes", () => {
  it("gives each new visitor their own token, and the page otherwise the same bytes", async () => {
    const [a, b] = await Promise.all([app.request("/"), app.request("/")]);
    const [htmlA, htmlB] = [await a.text(), await b.text()];
    expect(a.headers.get("content-type")).toBe("text/html; charset=UTF-8");
    expect(a.headers.get("content-security-policy")).toContain("script-src 'sha256-");
    expect(tokenIn(htmlA)).toBeTruthy();
    expect(tokenIn(htmlA)).not.toBe(tokenIn(htmlB));
    expect(htmlA.replace(tokenIn(htmlA)!, "")).toBe(htmlB.replace(tokenIn(htmlB)!, ""));
    expect(htmlA).toContain("Remote");
  });

  it("accepts a subscribe with the token its own page carried", async () => {
    const session = new FormSession(app);
    await session.get("/");
    const res = await session.post("/subscribe", { email: "dana@example.com" });
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("Check your inbox");
  });

  it("answers HEAD / with the headers and no body", async () => {
    const res = await app.request("/", { method: "HEAD" });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
  });
});
