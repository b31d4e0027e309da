/**
 * A request body the app left unread. The 64 KB body limit answers 413 from a Content-Length at
 * once, or after the first chunks of a chunked upload, and reads no further. A Worker that answers
 * with part of its request body unread leaves the connection it came on broken: under
 * `wrangler dev` the next request on it hung or got a 503 "Your worker restarted mid-request"
 * (measured: a 100 KB chunked POST /subscribe → 413, then GET /healthz timed out every time;
 * Node answers both). So the Worker hands the app a pass-through body and, once the answer is
 * ready, reads and discards what the app left, up to DRAIN_LIMIT_BYTES (larger uploads are left
 * as before rather than read for nothing).
 */
export const DRAIN_LIMIT_BYTES = 16 * 1024 * 1024;

export function drainableRequest(request: Request): { request: Request; drain(): Promise<void> } {
  if (!request.body) return { request, drain: async () => {} };
  const source = request.body.getReader();
  let finished = false;
  let pending: Promise<void> | undefined;
  // highWaterMark 0: the wrapper reads from the source only when the app asks, so once the app
  // stops, no read of the source is left in flight besides `pending`, which drain() awaits.
  const body = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        pending = source.read().then((chunk) => {
          if (chunk.done) {
            finished = true;
            controller.close();
          } else controller.enqueue(chunk.value);
        });
        return pending;
      },
      // The app gave up on the body: drain() reads the rest from the source.
      cancel() {},
    },
    { highWaterMark: 0 },
  );
  return {
    request: new Request(request, { body, duplex: "half" } as RequestInit),
    async drain() {
      await pending?.catch(() => {});
      let left = DRAIN_LIMIT_BYTES;
      while (!finished && left >= 0) {
        const chunk = await source.read().catch(() => ({ done: true as const, value: undefined }));
        if (chunk.done) return;
        left -= chunk.value.byteLength;
      }
    },
  };
}
