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

/** Every error summary link must land on an element of the page, the field's own control where it has one. */
describe("the error summary's links", () => {
  const targets = (html: string) => {
    const summary = /<div class="error-summary"[\s\S]*?<\/ul>/.exec(html)?.[0] ?? "";
    return [...summary.matchAll(/href="#([^"]+)"/g)].map((m) => m[1]!);
  };
  const tagOf = (html: string, id: string) => new RegExp(`<(\\w+)[^>]*\\sid="${id}"`).exec(html)?.[1];

  it("lead to the control of each field in error", async () => {
    const session = new FormSession(app);
    await session.get("/");
    const res = await session.post("/subscribe", {
      email: "nope",
      stacks: "cobol",
      sendHour: "99",
      maxListings: "0",
      minSalaryUsd: "lots",
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(targets(html).map((id) => [id, tagOf(html, id)])).toEqual([
      ["email", "input"],
      ["field-stacks", "fieldset"],
      ["minSalaryUsd", "input"],
      ["sendHour", "select"],
      ["maxListings", "input"],
    ]);
  });
});
