import { describe, expect, it } from "vitest";
import { hmacSha256, sha256, sha256Hex, sha256HexSync, signToken, toBase64Url, verifyToken } from "../../../src/security/tokens";

const encoder = new TextEncoder();
const hex = (bytes: ArrayBuffer | Uint8Array) => [...new Uint8Array(bytes)].map((b) => b.toString(16).padStart(2, "0")).join("");
// Lengths around the 55/56/64-byte padding boundaries, multi-block inputs, and non-ASCII text.
const inputs = ["", "abc", "a".repeat(55), "a".repeat(56), "a".repeat(63), "a".repeat(64), "a".repeat(65), "a".repeat(119), "a".repeat(120), "x".repeat(1000), "reader7@example.com", "ünïcødé 🚀 مهندس"];

describe("the synchronous SHA-256 and HMAC used on hot paths", () => {
  it("hashes exactly as Web Crypto does", async () => {
    for (const text of inputs) {
      const data = encoder.encode(text);
      expect(hex(sha256(data))).toBe(hex(await crypto.subtle.digest("SHA-256", data)));
      expect(await sha256Hex(text)).toBe(hex(await crypto.subtle.digest("SHA-256", data)));
    }
  });

  it("signs exactly as Web Crypto's HMAC-SHA256 does, for short and long secrets", async () => {
    for (const secret of ["test-secret-0123456789abcdef", "k".repeat(64), "long".repeat(40), "sécret-ünïcode-0123456789"]) {
      const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
      for (const text of inputs) {
        const data = encoder.encode(text);
        expect(hex(hmacSha256(secret, data))).toBe(hex(await crypto.subtle.sign("HMAC", key, data)));
      }
    }
  });

  it("makes tokens that Web Crypto verification accepts", async () => {
    const secrets = ["test-secret-0123456789abcdef"];
    const token = await signToken(secrets, "unsubscribe", "5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12");
    expect(await verifyToken(secrets, "unsubscribe", token)).toEqual({ ok: true, subscriberId: "5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12" });
  });

  it("signs every purpose and id as Web Crypto would, back to back (the hashing reuses its scratch space)", async () => {
    const secret = "test-secret-0123456789abcdef";
    const key = await crypto.subtle.importKey("raw", encoder.encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
    const ids = ["5f0c2a8e-2b7d-4d8a-9a51-3c1f6a0e9b12", "a", "x".repeat(64), "0196f1d2-7c3e-7a10-8000-000000000001"];
    for (const purpose of ["confirm", "manage", "unsubscribe"] as const) {
      for (const id of ids) {
        const expected = toBase64Reference(new Uint8Array(await crypto.subtle.sign("HMAC", key, encoder.encode(`${purpose}:${id}`))));
        expect(await signToken([secret], purpose, id)).toBe(`${purpose}.${id}.${expected}`);
        // A hash in between must not disturb the next signature or its own result.
        expect(sha256HexSync(id)).toBe(hex(await crypto.subtle.digest("SHA-256", encoder.encode(id))));
      }
    }
  });

  it("writes base64url without padding, as btoa would with the URL alphabet, for every length", () => {
    for (let n = 0; n <= 40; n++) {
      const bytes = Uint8Array.from({ length: n }, (_, i) => (i * 151 + n * 7) & 255);
      expect(toBase64Url(bytes)).toBe(toBase64Reference(bytes));
    }
  });
});

function toBase64Reference(bytes: Uint8Array): string {
  return btoa(String.fromCharCode(...bytes)).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}
