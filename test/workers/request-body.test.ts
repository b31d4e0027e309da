import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import worker from "../../src/worker";
import { DRAIN_LIMIT_BYTES } from "../../src/workers/unread-body";

/** A chunked upload of `total` bytes, 1 KB a chunk, that counts what the Worker read of it. */
function upload(total: number) {
  let sent = 0;
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (sent >= total) return controller.close();
        const n = Math.min(1024, total - sent);
        sent += n;
        controller.enqueue(new Uint8Array(n).fill(97));
      },
    },
    { highWaterMark: 0 },
  );
  return { body, read: () => sent };
}

async function post(path: string, body: ReadableStream<Uint8Array>, contentType: string) {
  const ctx = createExecutionContext();
  const init = { method: "POST", body, duplex: "half", headers: { "content-type": contentType } };
  const res = await worker.fetch(new Request(`http://localhost:8787${path}`, init as RequestInit), env, ctx);
  await waitOnExecutionContext(ctx);
  return res;
}

// Under `wrangler dev`, a 413 given with part of a chunked body unread left the connection broken:
// the next request on it (GET /healthz) hung or got wrangler's own 503.
describe("an oversized body is refused and read to its end", () => {
  it("answers 413 JSON on /api/subscribe and reads the whole 200 KB upload", async () => {
    const up = upload(200 * 1024);
    const res = await post("/api/subscribe", up.body, "application/json");
    expect(res.status).toBe(413);
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe("PAYLOAD_TOO_LARGE");
    expect(up.read()).toBe(200 * 1024);
  });

  it("answers 413 on the form and reads the whole upload", async () => {
    const up = upload(100 * 1024);
    const res = await post("/subscribe", up.body, "application/x-www-form-urlencoded");
    expect(res.status).toBe(413);
    expect(up.read()).toBe(100 * 1024);
  });

  it("stops reading past the drain limit instead of reading any size for nothing", async () => {
    const up = upload(DRAIN_LIMIT_BYTES + 4 * 1024 * 1024);
    const res = await post("/api/subscribe", up.body, "application/json");
    expect(res.status).toBe(413);
    // What the body limit read (64 KB and a chunk), then at most the drain limit and a chunk more.
    expect(up.read()).toBeLessThan(DRAIN_LIMIT_BYTES + 128 * 1024);
  });
});
