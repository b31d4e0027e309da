import { describe, expect, it } from "vitest";
import { createLinkSigner } from "../../../src/security/tokens";

const OLD = "old-secret-0123456789abcdef";
const NEW = "new-secret-0123456789abcdef";
const id = "5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12";

describe("link tokens", () => {
  it("round-trips a subscriber id for its purpose", async () => {
    const signer = await createLinkSigner([NEW]);
    const token = await signer.sign("confirm", id);
    expect(token).toMatch(/^confirm\.[0-9a-f-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await signer.verify(token, "confirm")).toEqual({ ok: true, subscriberId: id });
  });

  it("rejects a tampered signature, id or purpose", async () => {
    const signer = await createLinkSigner([NEW]);
    const token = await signer.sign("manage", id);
    const [purpose, sid, sig] = token.split(".") as [string, string, string];
    const flipped = sig.slice(0, -1) + (sig.endsWith("A") ? "B" : "A");
    expect(await signer.verify(`${purpose}.${sid}.${flipped}`, "manage")).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    expect(await signer.verify(`${purpose}.${sid.replace(/^./, "0")}x.${sig}`, "manage")).toMatchObject({ ok: false });
    expect(await signer.verify(`confirm.${sid}.${sig}`, "confirm")).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
  });

  it("says when a valid token is used for another purpose", async () => {
    const signer = await createLinkSigner([NEW]);
    const manage = await signer.sign("manage", id);
    expect(await signer.verify(manage, "confirm")).toEqual({ ok: false, reason: "wrong_purpose", purpose: "manage" });
    const unsubscribe = await signer.sign("unsubscribe", id);
    expect(await signer.verify(unsubscribe, "manage")).toMatchObject({ ok: false, reason: "wrong_purpose" });
  });

  it.each(["", "abc", "confirm..", "confirm.id", "bogus.id.sig", "confirm.id.!!!", "confirm.a.b.c", "confirm.id.AAAA"])(
    "treats %j as malformed without throwing",
    async (token) => {
      expect(await (await createLinkSigner([NEW])).verify(token, "confirm")).toMatchObject({ ok: false });
    },
  );

  it("accepts tokens signed with the previous secret after rotation, and signs with the new one", async () => {
    const old = await (await createLinkSigner([OLD])).sign("unsubscribe", id);
    const rotated = await createLinkSigner([NEW, OLD]);
    expect(await rotated.verify(old, "unsubscribe")).toEqual({ ok: true, subscriberId: id });
    expect(await (await createLinkSigner([NEW])).verify(old, "unsubscribe")).toMatchObject({
      ok: false,
      reason: "bad_signature",
    });
    const fresh = await rotated.sign("unsubscribe", id);
    expect(await (await createLinkSigner([NEW])).verify(fresh, "unsubscribe")).toMatchObject({ ok: true });
  });
});

/**
 * Computed with the code before Web Crypto signed links (the hand-written HMAC-SHA-256 of commit
 * 1918722): links already in inboxes must keep working, and new links must be the same bytes.
 */
describe("links signed before the move to Web Crypto", () => {
  const SECRET = "fixture-secret-0123456789abcdef-XYZ";
  const PREVIOUS = "previous-secret-abcdefghijklmnop";
  const SIGNED = {
    confirm: "confirm.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.1UuqSXdMWHCwBMtxc84KYu2bFbFKgO6kGt38bXBZW-E",
    manage: "manage.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.O0daXKGWnTJtuLVq7v4uruyKIWDbTSv2amb9UeRgtAU",
    unsubscribe: "unsubscribe.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.TgXQJuFFRi32mhCN7X8dKpBZ4yGtyPCBQQ_EUfotEnA",
    apply: "apply.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.9yU2gvkzTPCrSE2QzhGA8kjAoH8NnGWgxCb6YvjC2nk",
  } as const;

  it("still verify, and signing today gives the same tokens", async () => {
    const signer = await createLinkSigner([SECRET]);
    for (const [purpose, token] of Object.entries(SIGNED) as [keyof typeof SIGNED, string][]) {
      expect(await signer.verify(token, purpose)).toEqual({ ok: true, subscriberId: id });
      expect(await signer.sign(purpose, id)).toBe(token);
    }
  });

  it("still verify under the previous secret after a rotation", async () => {
    const old = "manage.5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12.GhbSgeo1KVTY1LPgTAaUZTjNZ8JUaYjOfLEMGwe2KWg";
    expect(await (await createLinkSigner([SECRET, PREVIOUS])).verify(old, "manage")).toEqual({
      ok: true,
      subscriberId: id,
    });
  });

  it("give the same CSRF token for a nonce", async () => {
    const signer = await createLinkSigner([SECRET]);
    expect(await signer.mac("csrf:AAAAAAAAAAAAAAAAAAAAAA")).toBe("ZSjHPQlTxqrWjGRscVQIIEuBLIdr8PJYM81DoToXnbk");
  });
});
