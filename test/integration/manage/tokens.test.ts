import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../../src/app";
import { parseConfig } from "../../../src/config";
import { createLinkSigner } from "../../../src/security/tokens";
import { TEST_SECRET, withConfig } from "../../support/deps";
import { FormSession, readPage } from "../../support/forms";
import { givenSubscriber, oneClickRequest, subscriberRow } from "./helpers";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";

const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

const mangle = (path: string) => path.slice(0, -3) + (path.endsWith("AAA") ? "BBB" : "AAA");

describe("links carry one purpose each", () => {
  it.each(["preferences", "unsubscribe", "my-data"] as const)(
    "a tampered, truncated or garbage /%s link gets a clear 400 page",
    async (route) => {
      const s = await givenSubscriber(deps);
      const path =
        route === "preferences" ? s.paths.preferences : route === "unsubscribe" ? s.paths.unsubscribe : s.paths.data;
      for (const bad of [mangle(path), path.slice(0, -10), `/${route}/garbage`]) {
        const res = await app.request(bad);
        expect(res.status).toBe(400);
        expect(await res.text()).toContain("This link is not valid");
      }
      expect((await app.request(mangle(s.paths.unsubscribe), oneClickRequest())).status).toBe(400);
      expect((await subscriberRow(deps.db, s.id))!.status).toBe("confirmed");
    },
  );

  it("a form posted to a bad link offers no way back to that link, only to the subscribe form", async () => {
    const s = await givenSubscriber(deps);
    const session = new FormSession(app);
    await session.get(s.paths.preferences);
    for (const bad of [
      mangle(s.paths.unsubscribe),
      mangle(s.paths.preferences),
      `/preferences/${s.links.tokens.unsubscribe}`,
    ]) {
      const res = await session.post(bad, { action: "unsubscribe" });
      expect(res.status).toBe(400);
      const html = await res.text();
      expect(html).not.toContain(`href="${bad}"`);
      expect(html).toContain('href="/">Back to the subscribe form');
    }
  });

  it("a wrong-purpose token is refused with a message naming both purposes", async () => {
    const s = await givenSubscriber(deps, { status: "pending" });
    const cases: [string, string][] = [
      [`/confirm/${s.links.tokens.manage}`, "This is a link to your preferences, not a confirmation link."],
      [`/preferences/${s.links.tokens.unsubscribe}`, "This is an unsubscribe link, not a link to your preferences."],
      [`/unsubscribe/${s.links.tokens.manage}`, "This is a link to your preferences, not an unsubscribe link."],
      [`/my-data/${s.links.tokens.confirm}`, "This is a confirmation link, not a link to your preferences."],
    ];
    for (const [path, message] of cases) {
      const res = await app.request(path);
      expect(res.status).toBe(400);
      expect(await readPage(res)).toContain(message);
    }
    const session = new FormSession(app);
    await session.get("/");
    const confirmWithManage = await session.post(`/confirm/${s.links.tokens.manage}`, {});
    expect(confirmWithManage.status).toBe(400);
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("pending");
  });

  it("an unsubscribe link keeps working years later", async () => {
    const s = await givenSubscriber(deps);
    deps.clock.advance(5 * 365 * 24 * 3600_000);
    expect((await app.request(s.paths.unsubscribe, oneClickRequest())).status).toBe(200);
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("unsubscribed");
  });
});

describe("rotating TOKEN_SECRET", () => {
  const NEW_SECRET = "a-brand-new-secret-0123456789";
  const withSecrets = async (env: Record<string, string>) =>
    createApp(
      await withConfig(
        deps,
        parseConfig({
          NODE_ENV: "test",
          PUBLIC_URL: deps.config.publicUrl,
          DATABASE_URL: deps.config.databaseUrl,
          ...env,
        }),
      ),
    );
  const signNew = async (purpose: "manage" | "unsubscribe", id: string) =>
    (await createLinkSigner([NEW_SECRET])).sign(purpose, id);

  it("old links keep working while the old secret is kept as TOKEN_SECRET_PREVIOUS, and new links use the new one", async () => {
    const s = await givenSubscriber(deps); // links signed with TEST_SECRET
    const rotated = await withSecrets({ TOKEN_SECRET: NEW_SECRET, TOKEN_SECRET_PREVIOUS: TEST_SECRET });

    const session = new FormSession(rotated);
    const page = await session.get(s.paths.preferences);
    expect(page.status).toBe(200);
    const html = await page.text();
    const newManage = await signNew("manage", s.id);
    expect(html).toContain(`/my-data/${newManage}`); // links the page hands out are signed with the new secret
    const saved = await session.post(s.paths.preferences, { action: "save", stacks: "go" });
    expect(saved.status).toBe(200);

    expect((await rotated.request(s.paths.unsubscribe, oneClickRequest())).status).toBe(200);
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("unsubscribed");
  });

  it("once the previous secret is dropped, old links are refused and new ones work", async () => {
    const s = await givenSubscriber(deps);
    const rotated = await withSecrets({ TOKEN_SECRET: NEW_SECRET });
    const old = await rotated.request(s.paths.unsubscribe, oneClickRequest());
    expect(old.status).toBe(400);
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("confirmed");
    const fresh = await rotated.request(`/unsubscribe/${await signNew("unsubscribe", s.id)}`, oneClickRequest());
    expect(fresh.status).toBe(200);
  });
});
