import { beforeAll, describe, expect, it } from "vitest";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";
import { readPage } from "../../support/forms";
import { givenSubscriber, oneClickRequest, subscriberRow } from "../manage/helpers";

/** One signature, one spelling (issue 16.8): non-canonical base64url is refused over HTTP. */
const harness = useAppWithFakeResend();
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => ({ deps, app } = harness));

const ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/** The other spellings of a token whose signature ends in a character with 2 unused low bits. */
function otherSpellings(token: string): string[] {
  const last = ALPHABET.indexOf(token.at(-1)!);
  return [1, 2, 3].map((low) => token.slice(0, -1) + ALPHABET[(last & ~3) | ((last & 3) ^ low)]);
}

describe("link signatures", () => {
  it("a link's signature spelled any other way is refused, and the canonical one still works", async () => {
    const s = await givenSubscriber(deps);
    const token = s.links.tokens.unsubscribe;
    for (const variant of otherSpellings(token)) {
      expect(variant).not.toBe(token);
      const page = await app.request(`/unsubscribe/${variant}`);
      expect(page.status).toBe(400);
      expect(await readPage(page)).toContain("This link is not valid");
      expect((await app.request(`/unsubscribe/${variant}`, oneClickRequest())).status).toBe(400);
      expect((await app.request(`/preferences/${otherSpellings(s.links.tokens.manage)[0]}`)).status).toBe(400);
    }
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("confirmed");
    expect((await app.request(s.paths.unsubscribe)).status).toBe(200);
    expect((await app.request(s.paths.unsubscribe, oneClickRequest())).status).toBe(200);
    expect((await subscriberRow(deps.db, s.id))!.status).toBe("unsubscribed");
  });

  it("tokens keep their format, so links signed before the change verify unchanged", async () => {
    const token = await deps.signer.sign("manage", "sub-123");
    expect(token).toMatch(/^manage\.sub-123\.[A-Za-z0-9_-]{43}$/);
    expect(await deps.signer.verify(token, "manage")).toEqual({ ok: true, subscriberId: "sub-123" });
    for (const variant of otherSpellings(token)) {
      expect(await deps.signer.verify(variant, "manage")).toEqual({ ok: false, reason: "malformed" });
    }
  });
});
