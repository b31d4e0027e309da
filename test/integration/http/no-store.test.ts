import { beforeAll, describe, expect, it } from "vitest";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { FormSession } from "../../support/forms";
import { givenSubscriber, oneClickRequest } from "../manage/helpers";

// Pages reached by a link token show an address, filters or a digest: no cache (browser, proxy) may keep them.
const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

const noStore = (res: Response) => ({ status: res.status, cacheControl: res.headers.get("cache-control") });

describe("token pages", () => {
  it("are never stored: every GET, POST answer and error of each token path says no-store", async () => {
    const pending = await givenSubscriber(deps, { email: "pending@example.com", status: "pending" });
    const s = await givenSubscriber(deps, { email: "ann@example.com" });
    const session = new FormSession(app);
    const answers: Record<string, { status: number; cacheControl: string | null }> = {};
    const get = async (path: string) => {
      answers[`GET ${path.split("/").slice(1, -1).join("/")}`] = noStore(await session.get(path));
    };
    await get(s.paths.preferences);
    await get(s.paths.data);
    await get(`/my-data/delete/${s.links.tokens.manage}`);
    await get(`/digest/${s.links.tokens.manage}`);
    await get(pending.paths.confirm);
    await get(s.paths.unsubscribe);
    answers["GET choices (a used or wrong link)"] = noStore(await session.get("/subscribe/choices/apply.x.y"));
    answers["GET preferences (a wrong link)"] = noStore(await session.get("/preferences/manage.x.y"));

    answers["POST preferences"] = noStore(await session.post(s.paths.preferences, { action: "resume" }));
    answers["POST confirm"] = noStore(await session.post(pending.paths.confirm, {}));
    answers["POST choices"] = noStore(await session.post("/subscribe/choices/apply.x.y", {}));
    answers["POST unsubscribe (one-click)"] = noStore(await app.request(s.paths.unsubscribe, oneClickRequest()));

    const stored = Object.entries(answers).filter(([, a]) => a.cacheControl !== "no-store");
    expect(stored.map(([what, a]) => `${what}: ${a.cacheControl}`)).toEqual([]);
    expect(answers["GET preferences"]!.status).toBe(200);
    expect(answers["POST confirm"]!.status).toBe(200);
    expect(answers["POST unsubscribe (one-click)"]!.status).toBe(200);
  });

  it("leaves pages without personal data cacheable as before", async () => {
    expect((await app.request("/")).headers.get("cache-control")).toBeNull();
  });
});
