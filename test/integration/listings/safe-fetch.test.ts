import { createGzip } from "node:zlib";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { listings, sourceStates } from "../../../db/schema";
import type { FetchPolicy } from "../../../src/listings/fetch-source";
import { runIngest } from "../../../src/listings/ingest";
import { isPrivateAddress } from "../../../src/listings/private-address";
import type { SourceConfig } from "../../../src/listings/sources-config";
import { resolveHost } from "../../../src/node/resolve-host";
import { createTestDeps, type TestDeps } from "../../support/deps";
import { startSourceServer } from "../../support/source-server";

const NOW = new Date("2026-09-10T08:00:00Z");
const job = {
  id: "1",
  position: "Backend Engineer",
  company: "Acme",
  url: "https://acme.dev/1",
  description: "Go APIs",
};
// A name that "resolves" to a public address in these tests, while the test's fetch connects it to loopback.
const PUBLIC_NAME = "board.example.test";

let deps: TestDeps;
let server: Awaited<ReturnType<typeof startSourceServer>>;
let other: Awaited<ReturnType<typeof startSourceServer>>;

beforeAll(async () => {
  server = await startSourceServer();
  other = await startSourceServer();
  deps = await createTestDeps({ mailer: null as never });
});
afterAll(async () => {
  await Promise.all([server.close(), other.close(), deps.close()]);
});
beforeEach(async () => {
  await deps.db.delete(listings);
  await deps.db.delete(sourceStates);
  server.requests.length = 0;
  other.requests.length = 0;
});

const source = (url: string): SourceConfig => ({
  name: "board",
  type: "remoteok",
  url,
  enabled: true,
  minIntervalMinutes: 60,
  options: {},
});

/** The production policy's checks, without waiting between attempts. */
function policy(overrides: Partial<FetchPolicy> = {}): FetchPolicy {
  return { ...deps.fetchPolicy, allowPrivate: false, resolveHost, attempts: 2, ...overrides };
}

async function ingestFrom(url: string, fetchPolicy: FetchPolicy) {
  const summary = await runIngest({ ...deps, sources: [source(url)], fetchPolicy }, { now: NOW, force: true });
  const stored = await deps.db.select().from(listings);
  return { result: summary.sources[0]!, stored };
}

// PUBLIC_NAME resolves to a documentation-free public address; the connection goes to `server`.
const publicBoard = (): Partial<FetchPolicy> => ({
  resolveHost: async (host) => (host === PUBLIC_NAME ? ["93.184.215.14"] : resolveHost(host)),
  fetch: (input, init) => fetch(String(input).replace(`//${PUBLIC_NAME}:`, "//127.0.0.1:"), init),
});
const publicUrl = (path: string) => `${server.url.replace("127.0.0.1", PUBLIC_NAME)}${path}`;

describe("bodies are limited as they stream, after decompression", () => {
  it("an endless gzip stream is cut at the limit with 'response too large' and stores nothing", async () => {
    let sent = 0;
    server.set("/bomb", {
      stream: (res) => {
        res.writeHead(200, { "content-type": "application/json", "content-encoding": "gzip" });
        const gzip = createGzip();
        gzip.pipe(res);
        const zeros = Buffer.alloc(1024 * 1024, 0x20);
        // Writes 1 MB of spaces (about 1 KB compressed) whenever the client wants more, until it hangs up.
        const pump = () => {
          while (!res.destroyed && sent < 4096 && gzip.write(zeros)) sent++;
          if (!res.destroyed && sent < 4096) gzip.once("drain", pump);
          else gzip.end();
        };
        res.on("close", () => gzip.destroy());
        pump();
      },
    });
    const { result, stored } = await ingestFrom(
      `${server.url}/bomb`,
      policy({ allowPrivate: true, maxBodyBytes: 2 * 1024 * 1024 }),
    );
    expect(result.status).toBe("failed");
    expect(result.errors[0]).toMatch(/^response too large \(over 2097152 bytes\)$/);
    expect(stored).toHaveLength(0);
    // Stopped long before the 4 GB the server would have sent (what flowed is socket and zlib buffers).
    expect(sent).toBeLessThan(256);
  });
});

describe("redirects are followed by hand, each one checked", () => {
  it("a public board redirecting to 127.0.0.1 is refused, and the internal page is never requested", async () => {
    server.set("/jobs", { status: 302, headers: { location: `${server.url}/internal` } });
    server.set("/internal", { body: JSON.stringify([job]) });
    const { result, stored } = await ingestFrom(publicUrl("/jobs"), policy(publicBoard()));
    expect(result).toMatchObject({
      status: "failed",
      errors: [expect.stringMatching(/^refused private address \(127\.0\.0\.1:\d+\)$/)],
    });
    expect(server.requests.map((r) => r.path)).toEqual(["/jobs"]);
    expect(stored).toHaveLength(0);
  });

  it("a redirect loop is named as one, not as a network error", async () => {
    server.set("/a", { status: 302, headers: { location: "/b" } });
    server.set("/b", { status: 301, headers: { location: `${server.url}/a` } });
    const { result } = await ingestFrom(`${server.url}/a`, policy({ allowPrivate: true }));
    expect(result.errors).toEqual([expect.stringMatching(/^redirect loop at 127\.0\.0\.1:\d+$/)]);
    expect(server.requests).toHaveLength(2); // not retried: no retry can help
  });

  it("more than five redirects is 'too many redirects'; five are followed", async () => {
    for (let i = 0; i < 7; i++) server.set(`/r${i}`, { status: 307, headers: { location: `/r${i + 1}` } });
    server.set("/r7", { body: JSON.stringify([job]) });
    const tooMany = await ingestFrom(`${server.url}/r0`, policy({ allowPrivate: true }));
    expect(tooMany.result.errors).toEqual(["too many redirects (more than 5)"]);
    const fine = await ingestFrom(`${server.url}/r2`, policy({ allowPrivate: true }));
    expect(fine.result).toMatchObject({ status: "ok", new: 1 });
  });
});

describe("private addresses", () => {
  it("a source whose name resolves to a private address is refused before any request", async () => {
    server.set("/jobs", { body: JSON.stringify([job]) });
    const named = await ingestFrom(`${server.url.replace("127.0.0.1", "localhost")}/jobs`, policy());
    expect(named.result.errors).toEqual([expect.stringMatching(/^refused private address \(localhost:\d+\)$/)]);
    const internal = policy({ ...publicBoard(), resolveHost: async () => ["10.1.2.3", "93.184.215.14"] });
    const resolved = await ingestFrom(publicUrl("/jobs"), internal);
    expect(resolved.result.errors).toEqual([expect.stringMatching(/^refused private address/)]);
    const literal = await ingestFrom(`${server.url}/jobs`, policy());
    expect(literal.result.errors).toEqual([expect.stringMatching(/^refused private address/)]);
    expect(server.requests).toHaveLength(0);
  });

  it("SOURCES_ALLOW_PRIVATE allows the configured origin, but no redirect to another private origin", async () => {
    server.set("/jobs", { status: 302, headers: { location: "/jobs/v2" } });
    server.set("/jobs/v2", { body: JSON.stringify([job]) });
    const sameOrigin = await ingestFrom(`${server.url}/jobs`, policy({ allowPrivate: true }));
    expect(sameOrigin.result).toMatchObject({ status: "ok", new: 1 });

    other.set("/secret", { body: JSON.stringify([job]) });
    for (const target of [`${other.url}/secret`, `${other.url.replace("127.0.0.1", "localhost")}/secret`]) {
      server.set("/away", { status: 302, headers: { location: target } });
      const away = await ingestFrom(`${server.url}/away`, policy({ allowPrivate: true }));
      expect(away.result.errors).toEqual([expect.stringMatching(/^refused private address/)]);
    }
    expect(other.requests).toHaveLength(0);
  });

  it.each([
    ["127.0.0.1", true],
    ["10.0.0.1", true],
    ["172.16.5.4", true],
    ["192.168.1.1", true],
    ["169.254.169.254", true],
    ["100.64.0.1", true],
    ["0.0.0.0", true],
    ["::1", true],
    ["::", true],
    ["fe80::1", true],
    ["fd12:3456::1", true],
    ["::ffff:127.0.0.1", true],
    ["::ffff:7f00:1", true],
    ["::ffff:a00:1", true],
    ["64:ff9b::a00:1", true],
    ["2002:c0a8:101::1", true],
    ["93.184.215.14", false],
    ["8.8.8.8", false],
    ["172.32.0.1", false],
    ["2606:4700::1111", false],
    ["::ffff:8.8.8.8", false],
  ])("%s private: %s", (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});

describe("error messages never carry a response body", () => {
  it("an internal page that is not JSON fails without any of its text in the stored error", async () => {
    server.set("/metrics", {
      body: "bw_subscribers_confirmed 1234\nsecret_token abcdef",
      headers: { "content-type": "text/plain" },
    });
    const { result } = await ingestFrom(`${server.url}/metrics`, policy({ allowPrivate: true }));
    expect(result.status).toBe("failed");
    expect(result.errors[0]).toMatch(/^remoteok: payload is not JSON \(\d+ characters\)$/);
    const [state] = await deps.db.select().from(sourceStates);
    expect(state!.lastError).not.toMatch(/bw_|secret|1234/);
  });
});
