import { beforeAll, expect, it } from "vitest";
import { PREFERENCE_FIELDS } from "../../src/subscribers/preferences";
import { useAppWithFakeResend, type AppHarness } from "../support/app-harness";
import { seeded } from "../support/seeded";
import { givenSubscriber, svixHeaders, WEBHOOK_SECRET } from "./manage/helpers";

// Issue 16.6: thousands of malformed requests on every endpoint of createApp give no 5xx, reflect
// no markup, log no token or address, and leave the app answering. Deterministic (seeded) and bounded.
const ADMIN = "admin-token-for-hostile-tests-0123456789";
const harness = useAppWithFakeResend({ env: { ADMIN_TOKEN: ADMIN, RESEND_WEBHOOK_SECRET: WEBHOOK_SECRET } });
let deps: AppHarness["deps"];
let app: AppHarness["app"];
beforeAll(() => {
  ({ deps, app } = harness);
});

const REQUESTS = 2400;
/** Every hostile token carries this, so a log line quoting one is easy to find. */
const MARK = "HOSTILEtok";
const MARKUP = [
  "<script>alert(1)</script>",
  '"><svg onload=alert(1)>',
  "'><img src=x onerror=alert(1)>",
  "</textarea><b>x",
];
const RAW_MARKUP = /<script>alert\(1\)|<svg onload=|<img src=x onerror=|<\/textarea><b>/;

const BROKEN_JSON = ['{"email":', "[", '{"a":1,}', "null", "\u0000", '{"email":"\\ud800"}', "[".repeat(5000)];
const WRONG_TYPES = [
  "text/plain",
  "application/xml",
  "multipart/mixed",
  "application/x-www-form-urlencoded; charset=utf-16",
  undefined,
];

type Rng = ReturnType<typeof seeded>;

function hostileToken(r: Rng, valid: string[]): string {
  const sig = "A".repeat(43);
  return r.pick([
    `confirm.${r.uuid()}.${sig}${MARK}`,
    `manage.${MARK}.${sig}`,
    `unsubscribe.${r.uuid()}.${MARK}`,
    `${MARK}${"x".repeat(3000)}`,
    encodeURIComponent(`<script>alert(1)</script>${MARK}`),
    `..%2F..%2F${MARK}%2Fetc%2Fpasswd`,
    `${MARK}%00%0d%0a`,
    `%ff%fe${MARK}`,
    `apply.${r.uuid()}.${sig}`,
    `${r.pick(valid)}${MARK}`,
    `${r.pick(valid).slice(0, -2)}==`,
    r.pick(valid).replace(/^[a-z]+/, r.pick(["manage", "confirm", "unsubscribe", "apply"])),
    r.pick(valid),
  ]);
}

function markupFields(r: Rng): URLSearchParams {
  const body = new URLSearchParams();
  for (const f of ["email", "website", "action", "reason", "comment", "weeks", "confirm", ...PREFERENCE_FIELDS]) {
    if (r.chance(0.7)) body.append(f, r.pick(MARKUP) + (r.chance(0.3) ? "@example.com" : ""));
  }
  return body;
}

/** A body of one hostile kind, with the content type it claims. */
function hostileBody(r: Rng): { body?: BodyInit; type?: string } {
  const boundary = `----b${r.int(0, 1e6)}`;
  const part = (name: string, value: string) =>
    `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`;
  const kinds: (() => { body?: BodyInit; type?: string })[] = [
    () => ({
      body: `${part("email", "a@example.com")}--other--\r\n`,
      type: `multipart/form-data; boundary=${boundary}`,
    }),
    () => ({ body: part("email", "a@example.com"), type: `multipart/form-data; boundary=${boundary}` }), // never closed
    () => ({ body: "no boundary here", type: "multipart/form-data" }),
    () => ({
      body: `--${boundary}\r\nContent-Disposition: form-data\r\n\r\nx\r\n--${boundary}--`,
      type: `multipart/form-data; boundary=${boundary}`,
    }),
    () => ({
      body: `${part("email", r.pick(MARKUP))}--${boundary}--\r\n`,
      type: `multipart/form-data; boundary="${"x".repeat(80)}"`,
    }),
    () => ({ body: r.pick(BROKEN_JSON), type: "application/json" }),
    () => ({ body: `{"type":"email.bounced","data":${JSON.stringify(r.pick(MARKUP))}}`, type: "application/json" }),
    () => ({ body: `email=%E0%A4%A&stacks=%ZZ&x=%`, type: "application/x-www-form-urlencoded" }),
    () => ({
      body: new Uint8Array([0x65, 0x6d, 0x61, 0x69, 0x6c, 0x3d, 0xff, 0xfe, 0xc3, 0x28, 0xed, 0xa0, 0x80]),
      type: "application/x-www-form-urlencoded",
    }),
    () => ({ body: "stacks=go&".repeat(r.int(100, 5000)), type: "application/x-www-form-urlencoded" }),
    () => ({
      body: `email=${"x".repeat(r.pick([5_000, 60_000, 70_000]))}@example.com`,
      type: "application/x-www-form-urlencoded",
    }),
    () => ({ body: markupFields(r).toString(), type: r.pick(WRONG_TYPES) }),
    () => ({ body: markupFields(r).toString(), type: "application/x-www-form-urlencoded" }),
    () => ({}),
  ];
  return r.pick(kinds)();
}

it("thousands of malformed requests: no 5xx, no reflected markup, no token or address in the logs, still answering", {
  timeout: 240_000,
}, async () => {
  const r = seeded(16);
  const s = await givenSubscriber(deps, { email: "target@example.com" });
  const pending = await givenSubscriber(deps, { email: "waiting@example.com", status: "pending" });
  const valid = [
    s.links.tokens.manage,
    s.links.tokens.unsubscribe,
    s.links.tokens.confirm,
    pending.links.tokens.confirm,
  ];
  const first = await app.request("/");
  const cookie = first.headers.get("set-cookie")!.split(";")[0]!;
  const csrf = (await first.text()).match(/name="_csrf" value="([^"]+)"/)![1]!;

  const endpoints: ((t: string) => string)[] = [
    () => "/",
    () => "/subscribe",
    (t) => `/confirm/${t}`,
    (t) => `/preferences/${t}`,
    (t) => `/unsubscribe/${t}`,
    (t) => `/digest/${t}`,
    (t) => `/my-data/${t}`,
    (t) => `/my-data/delete/${t}`,
    (t) => `/my-data/download/${t}`,
    (t) => `/subscribe/choices/${t}`,
    () => "/webhooks/resend",
    () => "/healthz",
    () => "/metrics",
    () => "/admin/api/listings",
    (t) => `/admin/api/listings/${t}/close`,
    () => "/admin/api/stats",
    () => "/admin/api/digest/runs",
    () => `/admin/api/digest/preview?email=${encodeURIComponent(r.pick(MARKUP))}`,
    (t) => `/${t}`,
    () => `/subscribe?${r.pick(MARKUP)}`,
  ];
  const failures: string[] = [];
  for (let i = 0; i < REQUESTS; i++) {
    const path = r.pick(endpoints)(hostileToken(r, valid));
    const method = r.chance(0.6)
      ? "POST"
      : r.chance(0.6)
        ? "GET"
        : r.pick(["PUT", "DELETE", "PATCH", "OPTIONS", "HEAD", "PROPFIND", "FOO"]);
    const { body, type } = method === "GET" || method === "HEAD" ? {} : hostileBody(r);
    const headers: Record<string, string> = {};
    if (type) headers["content-type"] = type;
    if (r.chance(0.7)) headers.cookie = cookie;
    if (r.chance(0.3))
      headers.authorization = r.pick([
        `Bearer ${ADMIN}`,
        `Bearer ${MARK}`,
        "Basic x",
        `Bearer ${ADMIN}\u0000`.slice(0, -1),
      ]);
    if (r.chance(0.2)) headers.origin = r.pick(["https://evil.example", "null", "http://localhost:3000"]);
    if (path.startsWith("/webhooks") && typeof body === "string" && r.chance(0.5)) {
      Object.assign(headers, svixHeaders(body), type ? { "content-type": type } : {}); // signed, yet malformed
    }
    let sent: BodyInit | undefined = body;
    // Often a valid CSRF token, so the route's own parsing is reached and not only the check.
    if (typeof body === "string" && r.chance(0.6))
      sent = type?.startsWith("application/x-www-form-urlencoded") ? `_csrf=${csrf}&${body}` : body;
    const res = await app.request(path, { method, headers, ...(sent === undefined ? {} : { body: sent }) });
    const text = await res.text();
    const html = (res.headers.get("content-type") ?? "").includes("text/html");
    if (res.status >= 500 || (html && RAW_MARKUP.test(text)))
      failures.push(`${method} ${path.slice(0, 80)} [${type}] → ${res.status}`);
  }
  expect(failures.slice(0, 20)).toEqual([]);

  // The app still serves a person normally.
  deps.clock.advance(2 * 3600_000);
  const page = await app.request("/");
  expect(page.status).toBe(200);
  const form = new URLSearchParams({ _csrf: csrf, email: "after@example.com", stacks: "go" });
  const after = await app.request("/subscribe", {
    method: "POST",
    body: form,
    headers: { cookie, "content-type": "application/x-www-form-urlencoded" },
  });
  expect(after.status).toBe(200);
  expect(deps.fake.accepted.some((m) => m.to[0] === "after@example.com")).toBe(true);
  expect((await app.request("/healthz")).status).toBe(200);

  // No log line holds a token (valid or hostile) or an address.
  const lines = deps.log.lines;
  expect(lines.length).toBeGreaterThan(REQUESTS);
  const secrets = [MARK, ...valid.map((t) => t.split(".")[2]!), "@example.com", "target@", "waiting@", "after@"];
  for (const line of lines) for (const secret of secrets) expect(line).not.toContain(secret);
});
