import { setFlagsFromString } from "node:v8";
import { Worker } from "node:worker_threads";
import { MailError, type Mailer, type MailErrorKind, type OutgoingEmail } from "../mailer";
import { packEmails, type PackedEmails } from "./thread-message";

export type ThreadRequest = { id: number; op: "single" | "batch"; emails: PackedEmails; idempotencyKey: string };
export type ThreadReply =
  | { id: number; ok: true; ids: string[] }
  | { id: number; ok: false; kind: MailErrorKind; message: string; retryAfterMs?: number };

/**
 * The Resend transport on a worker thread (Node only). The SDK's work for a batch of 100 digests
 * (JSON-encoding ~3.5 MB of HTML and text, UTF-8 encoding it, the HTTP exchange and the garbage
 * that leaves) is ~30 ms of CPU; on its own thread it overlaps the composition of the next batch
 * instead of adding to it. Same calls, same answers and errors as createResendMailer (it runs
 * that transport, pacer included, so requests are spaced on this thread, next to the wire).
 *
 * The thread starts on the first call and never keeps the process alive while idle. If it dies,
 * the calls in flight fail as network errors (retried with the same idempotency key, so nothing
 * is sent twice) and the next call starts a new one. (The new thread has a new pacer: its first
 * request may follow the dead one's last closer than the limit, and a 429 then is retried.)
 */
export function createThreadedResendMailer(apiKey: string, baseUrl?: string, ratePerSec?: number): Mailer & { close(): Promise<void> } {
  let current: Thread | null = null;
  let nextId = 0;

  const call = (op: ThreadRequest["op"], emails: OutgoingEmail[], idempotencyKey: string) =>
    new Promise<string[]>((resolve, reject) => {
      const thread = (current ??= startThread(apiKey, baseUrl, ratePerSec, (dead) => current === dead && (current = null)));
      const id = nextId++;
      thread.pending.set(id, { resolve, reject });
      thread.worker.ref(); // a call in flight keeps the process alive until its answer
      try {
        thread.worker.postMessage({ id, op, emails: packEmails(emails), idempotencyKey } satisfies ThreadRequest);
      } catch (err) {
        // Not cloneable (never for plain messages): nothing was sent, and retrying cannot help.
        thread.settled(id);
        reject(new MailError("validation", `Resend transport: the message cannot be handed to the sending thread (${String(err)})`));
      }
    });

  return {
    name: "resend",
    // Not async functions: an async function's frame would keep the messages alive until the
    // answer, where this thread no longer needs them once they are posted.
    send(email, { idempotencyKey }) {
      return call("single", [email], idempotencyKey).then(([id]) => ({ id: id! }));
    },
    sendBatch(emails, { idempotencyKey }) {
      return call("batch", emails, idempotencyKey).then((ids) => ({ ids }));
    },
    /** Stops the thread; calls in flight fail as network errors (retried with their key by whoever retries). */
    async close() {
      const thread = current;
      current = null;
      await thread?.worker.terminate();
    },
  };
}

/**
 * The sending thread's heap may grow to this size (MB) before V8 first collects it in full. Each
 * batch leaves a large string on that thread (its bodies, see thread-message.ts), held while the
 * request is out, that only a full collection frees; from V8's small default start, with the
 * service's 50% growth (src/node/heap.ts) over the thread's ~10 MB live, that was a full
 * collection every two batches. With 96: 43 instead of 124 for 250 batches (measured with two
 * batches out at once, and the SDK's JSON then one more large string; 67 now with three out),
 * ~3% less CPU and 2-4% more emails per second through the fake Resend (bench, 25,000
 * subscribers, interleaved runs), ~20 MB more RSS.
 */
const THREAD_INITIAL_HEAP_MB = 96;

interface Thread {
  worker: Worker;
  /** This thread's calls in flight: a thread that dies fails its own calls, never a newer thread's. */
  pending: Map<number, { resolve: (ids: string[]) => void; reject: (err: MailError) => void }>;
  /** Forgets a call; the thread stops holding the process open when none is left. */
  settled(id: number): void;
}

function startThread(apiKey: string, baseUrl: string | undefined, ratePerSec: number | undefined, died: (thread: Thread) => void): Thread {
  // V8 reads this as it sets up a new isolate's heap: the thread's (the process's own is long set
  // up). Unset once the thread runs, so no other isolate the process starts later gets it.
  setFlagsFromString(`--initial-heap-size=${THREAD_INITIAL_HEAP_MB}`);
  const worker = new Worker(new URL("../../node/ts-worker.mjs", import.meta.url), {
    workerData: { entry: new URL("./resend-thread-worker.ts", import.meta.url).href, apiKey, baseUrl, ratePerSec },
  });
  const thread: Thread = {
    worker,
    pending: new Map(),
    settled(id) {
      thread.pending.delete(id);
      if (thread.pending.size === 0) worker.unref();
    },
  };
  worker.once("online", () => setFlagsFromString("--initial-heap-size=0"));
  worker.on("message", (reply: ThreadReply) => {
    const call = thread.pending.get(reply.id);
    if (!call) return;
    thread.settled(reply.id);
    if (reply.ok) call.resolve(reply.ids);
    else call.reject(new MailError(reply.kind, reply.message, reply.retryAfterMs));
  });
  const fail = (why: string) => {
    died(thread);
    for (const call of thread.pending.values()) call.reject(new MailError("network", `Resend transport thread ${why}`));
    thread.pending.clear();
    worker.unref();
  };
  worker.on("error", (err) => fail(`failed: ${err.message}`));
  worker.on("exit", (code) => fail(`exited (code ${code})`));
  return thread;
}
