import { describe, expect, it } from "vitest";
import { signToken, verifyToken } from "../../../src/security/tokens";

const OLD = "old-secret-0123456789abcdef";
const NEW = "new-secret-0123456789abcdef";
const id = "5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12";

describe("link tokens", () => {
  it("round-trips a subscriber id for its purpose", async () => {
    const token = await signToken([NEW], "confirm", id);
    expect(token).toMatch(/^confirm\.[0-9a-f-]+\.[A-Za-z0-9_-]{43}$/);
    expect(await verifyToken([NEW], "confirm", token)).toEqual({ ok: true, subscriberId: id });
  });

  it("rejects a tampered signature, id or purpose", async () => {
    const token = await signToken([NEW], "manage", id);
    const [purpose, sid, sig] = token.split(".") as [string, string, string];
    const flipped = sig.slice(0, -1) + (sig.endsWith("A") ? "B" : "A");
    expect(await verifyToken([NEW], "manage", `${purpose}.${sid}.${flipped}`)).toMatchObject({ ok: false, reason: "bad_signature" });
    expect(await verifyToken([NEW], "manage", `${purpose}.${sid.replace(/^./, "0")}x.${sig}`)).toMatchObject({ ok: false });
    expect(await verifyToken([NEW], "confirm", `confirm.${sid}.${sig}`)).toMatchObject({ ok: false, reason: "bad_signature" });
  });

  it("says when a valid token is used for another purpose", async () => {
    const manage = await signToken([NEW], "manage", id);
    expect(await verifyToken([NEW], "confirm", manage)).toEqual({ ok: false, reason: "wrong_purpose", purpose: "manage" });
    const unsubscribe = await signToken([NEW], "unsubscribe", id);
    expect(await verifyToken([NEW], "manage", unsubscribe)).toMatchObject({ ok: false, reason: "wrong_purpose" });
  });

  it.each(["", "abc", "confirm..", "confirm.id", "bogus.id.sig", "confirm.id.!!!", "confirm.a.b.c", "confirm.id.AAAA"])(
    "treats %j as malformed without throwing",
    async (token) => {
      expect(await verifyToken([NEW], "confirm", token)).toMatchObject({ ok: false });
    },
  );

  it("accepts tokens signed with the previous secret after rotation, and signs with the new one", async () => {
    const old = await signToken([OLD], "unsubscribe", id);
    expect(await verifyToken([NEW, OLD], "unsubscribe", old)).toEqual({ ok: true, subscriberId: id });
    expect(await verifyToken([NEW], "unsubscribe", old)).toMatchObject({ ok: false, reason: "bad_signature" });
    const fresh = await signToken([NEW, OLD], "unsubscribe", id);
    expect(await verifyToken([NEW], "unsubscribe", fresh)).toMatchObject({ ok: true });
  });
});
