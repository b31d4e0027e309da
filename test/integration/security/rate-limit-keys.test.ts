import { beforeAll, describe, expect, it } from "vitest";
import { useAppWithFakeResend, type AppHarness } from "../../support/app-harness";

// Issue 16.5: limits count people, not spellings, and see through a trusted proxy.
const harness = useAppWithFakeResend({ env: { TRUST_PROXY: "x-forwarded-for" } });
let app: AppHarness["app"];
let deps: AppHarness["deps"];
beforeAll(() => {
  ({ app, deps } = harness);
});

/** A browser session's cookie and CSRF token, then POST /subscribe with any headers. */
async function poster(target = app) {
  const page = await target.request("/");
  const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
  const csrf = (await page.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;
  return async (email: string, headers: Record<string, string> = {}) => {
    const body = new URLSearchParams({ _csrf: csrf, email });
    const res = await target.request("/subscribe", {
      method: "POST",
      body,
      headers: { cookie, "content-type": "application/x-www-form-urlencoded", ...headers },
    });
    return res.status;
  };
}

let clientNumber = 0;
const anotherClient = () => ({ "x-forwarded-for": `198.51.100.${++clientNumber % 250}` });

describe("the per-address limit", () => {
  it("counts case, +tags, Gmail dots and googlemail.com as one inbox", async () => {
    const post = await poster();
    const spellings = [
      "Victim@gmail.com",
      "victim+a@gmail.com",
      "v.i.c.t.i.m@googlemail.com",
      "VICTIM+b@GoogleMail.com",
    ];
    const statuses = [];
    for (const email of spellings) statuses.push(await post(email, anotherClient()));
    expect(statuses).toEqual([200, 200, 200, 429]);
  });

  it("does the same for other domains, where dots still make another inbox", async () => {
    const post = await poster();
    const statuses = [];
    for (const email of [
      "ann@example.com",
      "Ann+x@example.com",
      "ann+y@EXAMPLE.com",
      "ann+z@example.com",
      "a.nn@example.com",
    ]) {
      statuses.push(await post(email, anotherClient()));
    }
    expect(statuses).toEqual([200, 200, 200, 429, 200]);
  });
});

describe("the per-client limit behind a trusted proxy (TRUST_PROXY=x-forwarded-for)", () => {
  it("keys on the right-most address the proxy saw, not on what the client wrote before it", async () => {
    const post = await poster();
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push(
        await post(`spoof${i}@example.com`, { "x-forwarded-for": `10.9.9.${i}, 203.0.113.${i}, 192.0.2.7, 10.0.0.1` }),
      );
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses[10]).toBe(429);
  });

  it("gives visitors behind one proxy a bucket each", async () => {
    const post = await poster();
    const statuses = [];
    for (let i = 0; i < 15; i++)
      statuses.push(await post(`visitor${i}@example.com`, { "x-forwarded-for": `203.0.113.${i + 20}` }));
    expect(statuses.every((s) => s === 200)).toBe(true);
  });

  it("limits IPv6 clients by their /64", async () => {
    const post = await poster();
    const statuses = [];
    for (let i = 1; i <= 10; i++)
      statuses.push(await post(`six${i}@example.com`, { "x-forwarded-for": `2001:db8:1:2::${i.toString(16)}` }));
    statuses.push(await post("six-other-host@example.com", { "x-forwarded-for": "2001:db8:1:2:ffff:ffff:ffff:1" }));
    statuses.push(await post("six-other-net@example.com", { "x-forwarded-for": "2001:db8:1:3::1" }));
    expect(statuses).toEqual([...Array(10).fill(200), 429, 200]);
  });
});

describe("without TRUST_PROXY", () => {
  it("ignores forwarding headers (a client cannot pick its own bucket)", async () => {
    const { createApp } = await import("../../../src/app");
    const plain = createApp({ ...deps, config: { ...deps.config, trustProxy: undefined } });
    const post = await poster(plain);
    const statuses = [];
    for (let i = 0; i < 11; i++)
      statuses.push(await post(`plain${i}@example.com`, { "x-forwarded-for": `203.0.113.${i + 100}` }));
    expect(statuses[10]).toBe(429);
  });

  it("reads the for= of RFC 7239 Forwarded when TRUST_PROXY names it, right-most first", async () => {
    const { createApp } = await import("../../../src/app");
    const fwd = createApp({ ...deps, config: { ...deps.config, trustProxy: "forwarded" } });
    const post = await poster(fwd);
    const statuses = [];
    for (let i = 0; i < 12; i++)
      statuses.push(
        await post(`fwd${i}@example.com`, {
          forwarded: `for=198.51.100.1, For="203.0.113.${i + 170}:4711";proto=https;by=10.0.0.1, for=10.0.0.2`,
        }),
      );
    expect(statuses.every((s) => s === 200)).toBe(true);
    const six = [];
    for (let i = 0; i < 11; i++)
      six.push(await post(`fwd-six${i}@example.com`, { forwarded: 'for="[2001:db8:7::1]"' }));
    expect(six.at(-1)).toBe(429);
  });

  it("reads cf-connecting-ip on Workers when TRUST_PROXY names it", async () => {
    const { createApp } = await import("../../../src/app");
    const cf = createApp({ ...deps, config: { ...deps.config, trustProxy: "cf-connecting-ip" } });
    const post = await poster(cf);
    const statuses = [];
    for (let i = 0; i < 12; i++)
      statuses.push(await post(`cf${i}@example.com`, { "cf-connecting-ip": `203.0.113.${i + 150}` }));
    expect(statuses.every((s) => s === 200)).toBe(true);
  });
});
