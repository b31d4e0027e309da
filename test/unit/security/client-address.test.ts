import { describe, expect, it } from "vitest";
import { parseConfig } from "../../../src/config";
import { clientAddress, clientLimitKey } from "../../../src/security/client-address";
import { addressLimitKey } from "../../../src/security/rate-limit";

describe("clientAddress (TRUST_PROXY's header)", () => {
  it.each([
    ["203.0.113.9", "203.0.113.9"],
    ["6.6.6.6, 203.0.113.9", "203.0.113.9"],
    ["6.6.6.6, 203.0.113.9, 10.0.0.2, 127.0.0.1", "203.0.113.9"],
    ["203.0.113.9:4711, 192.168.1.1", "203.0.113.9"],
    ["[2001:db8::1]:443, fd00::1", "2001:db8::1"],
    ["10.0.0.1, 10.0.0.2", "10.0.0.1"],
    ["garbage, <script>, 203.0.113.9", "203.0.113.9"],
    ["garbage", "198.51.100.1"],
  ])("%j → %s", (header, expected) => {
    expect(clientAddress(header, "198.51.100.1")).toBe(expected);
  });

  it("falls back to the socket without the header", () => {
    expect(clientAddress(undefined, "198.51.100.1")).toBe("198.51.100.1");
  });
});

describe("clientLimitKey", () => {
  it("keys IPv6 by /64, IPv4 and mapped IPv4 by address", () => {
    expect(clientLimitKey("2001:db8:1:2::9")).toBe(clientLimitKey("2001:0db8:0001:0002:ffff:1:2:3"));
    expect(clientLimitKey("2001:db8:1:2::9")).not.toBe(clientLimitKey("2001:db8:1:3::9"));
    expect(clientLimitKey("::ffff:203.0.113.9")).toBe("203.0.113.9");
    expect(clientLimitKey(undefined)).toBe("unknown");
  });
});

describe("addressLimitKey", () => {
  it("reads case, +tags, Gmail dots and googlemail.com as one inbox", () => {
    expect(
      new Set(["V.ictim+x@GoogleMail.com", "victim@gmail.com", "vic.tim+@gmail.com"].map(addressLimitKey)),
    ).toEqual(new Set(["victim@gmail.com"]));
    expect(addressLimitKey("a.nn+news@Example.com")).toBe("a.nn@example.com");
  });
});

describe("TRUST_PROXY", () => {
  const base = { TOKEN_SECRET: "x".repeat(40), NODE_ENV: "test" };
  it("is a header name, lower-cased", () => {
    expect(parseConfig({ ...base, TRUST_PROXY: "X-Forwarded-For" }).trustProxy).toBe("x-forwarded-for");
    expect(parseConfig(base).trustProxy).toBeUndefined();
    expect(() => parseConfig({ ...base, TRUST_PROXY: "x forwarded: for" })).toThrow(/TRUST_PROXY/);
  });
});
