import { connect } from "node:net";
import { afterAll, beforeAll, expect, it } from "vitest";
import { startService, type RunningService } from "../../support/service";

// What Node's HTTP parser refuses never reaches the app; `npm start` must still answer with a reason.
let service: RunningService;
beforeAll(async () => {
  service = await startService({ RESEND_WEBHOOK_SECRET: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw" });
}, 60_000);
afterAll(() => service?.stop());

/** Sends raw bytes and reads the whole answer (the server closes the connection after it). */
function rawExchange(request: string): Promise<string> {
  const { hostname, port } = new URL(service.url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => socket.end(request));
    let answer = "";
    socket.on("data", (d) => (answer += d));
    socket.on("close", () => resolve(answer));
    socket.on("error", reject);
  });
}

it("answers a 20,000-character address with 431 and a sentence, not a bare status line", async () => {
  const res = await fetch(`${service.url}/?q=${"a".repeat(20_000)}`);
  expect(res.status).toBe(431);
  expect(res.headers.get("content-type")).toContain("text/plain");
  expect(await res.text()).toBe("The address or headers of this request are too long.\n");
});

it("answers a JSON API's over-long address with its JSON error shape", async () => {
  const res = await fetch(`${service.url}/api/match-count?mustHave=${"a".repeat(20_000)}`);
  expect(res.status).toBe(431);
  expect(res.headers.get("content-type")).toBe("application/json");
  expect(await res.json()).toEqual({
    error: { code: "HEADERS_TOO_LARGE", message: "The address or headers of this request are too long." },
  });
});

it("answers a request line that is not HTTP with 400 and a sentence", async () => {
  const answer = await rawExchange("HELLO there\r\n\r\n");
  expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  expect(answer).toContain("\r\n\r\nThis request could not be understood.\n");
});

it("answers an address that makes no URL (a backslash, OPTIONS *, a Host that is no host) with a sentence", async () => {
  const sentence = "The address of this request could not be read: check its path and its Host header.";
  for (const request of [
    "GET /\\evil.example HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    "OPTIONS * HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n",
    "GET / HTTP/1.1\r\nHost: a b\r\nConnection: close\r\n\r\n",
    "GET / HTTP/1.0\r\n\r\n",
  ]) {
    const answer = await rawExchange(request);
    expect(answer).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
    expect(answer.toLowerCase()).toContain("content-type: text/plain; charset=utf-8");
    expect(answer).toContain(sentence);
  }
  const json = await rawExchange(
    "POST /api/subscribe HTTP/1.1\r\nHost: [::1\r\nContent-Length: 0\r\nConnection: close\r\n\r\n",
  );
  expect(json).toMatch(/^HTTP\/1\.1 400 Bad Request\r\n/);
  expect(json).toContain(JSON.stringify({ error: { code: "BAD_REQUEST", message: sentence } }));
});

it("logs a client that hangs up mid-body as its 400, not as a failed request with a 500", async () => {
  const { hostname, port } = new URL(service.url);
  for (const path of ["/api/subscribe", "/webhooks/resend"]) {
    const socket = connect(Number(port), hostname);
    await new Promise((resolve) => socket.once("connect", resolve));
    socket.write(
      `POST ${path} HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n` +
        'svix-id: msg_1\r\nsvix-timestamp: 1\r\nsvix-signature: v1,x\r\nContent-Length: 100\r\n\r\n{"email":',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    socket.destroy();
  }
  await expect.poll(() => service.output().match(/"status":400/g)?.length ?? 0).toBeGreaterThanOrEqual(2);
  const lines = service.output().split("\n");
  const logged = (route: string) => lines.filter((l) => l.includes(`"route":"${route}"`));
  for (const route of ["/api/subscribe", "/webhooks/resend"]) {
    expect(logged(route).map((l) => JSON.parse(l).status)).toEqual([400]);
  }
  expect(service.output()).not.toContain("request.failed");
});

it("still serves the next request normally", async () => {
  expect((await fetch(`${service.url}/healthz`)).status).toBe(200);
});
