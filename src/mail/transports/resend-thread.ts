import { Worker } from "node:worker_threads";
import { MailError, type Mailer, type MailErrorKind, type OutgoingEmail } from "../mailer";

export type ThreadRequest = { id: number; op: "single" | "batch"; emails: OutgoingEmail[]; idempotencyKey: string };
export type ThreadReply =
  | { id: number; ok: true; ids: string[] }
  | { id: number; ok: false; kind: MailErrorKind; message: string; retryAfterMs?: number };

/**
 * The Resend transport on a worker thread (Node only). The SDK's work for a batch of 100 digests
 * (JSON-encoding ~5 MB of HTML and text, UTF-8 encoding it, the HTTP exchange and the garbage
 * that leaves) is ~30 ms of CPU; on its own thread it overlaps the composition of the next batch
 * instead of adding to it. Same calls, same answers and errors as createResendMailer (it runs
 * that transport, pacer included, so requests are spaced on this thread, next to the wire).
 *
 * The thread starts on the first call and never keeps the process alive while idle. If it dies,
 * the calls in flight fail as network errors (retried with the same idempotency key, so nothing
 * is sent twice) and the next call starts a new one.
 */
export function createThreadedResendMailer(apiKey: string, baseUrl?: string, ratePerSec?: number): Mailer {
  let worker: Worker | null = null;
  let nextId = 0;
  const pending = new Map<number, { resolve: (ids: string[]) => void; reject: (err: MailError) => void }>();

  const start = (): Worker => {
    const w = new Worker(new URL("../../node/ts-worker.mjs", import.meta.url), {
      workerData: { entry: new URL("./resend-thread-worker.ts", import.meta.url).href, apiKey, baseUrl, ratePerSec },
      // Room for a batch's strings to die young: with V8's default the thread's collector (and its
      // helper threads) cost more than its JSON encoding did: 10,000 digests through the fake took
      // 14.7 s of the process's CPU with this, 17.7 and 20.5 s in two runs without (bench, resend mode).
      resourceLimits: { maxYoungGenerationSizeMb: 64 },
    });
    w.on("message", (reply: ThreadReply) => {
      const call = pending.get(reply.id);
      if (!call) return;
      pending.delete(reply.id);
      if (pending.size === 0) w.unref();
      if (reply.ok) call.resolve(reply.ids);
      else call.reject(new MailError(reply.kind, reply.message, reply.retryAfterMs));
    });
    const fail = (why: string) => {
      if (worker === w) worker = null;
      for (const call of pending.values()) call.reject(new MailError("network", `Resend transport thread ${why}`));
      pending.clear();
    };
    w.on("error", (err) => fail(`failed: ${err.message}`));
    w.on("exit", (code) => fail(`exited (code ${code})`));
    return w;
  };

  const call = (op: ThreadRequest["op"], emails: OutgoingEmail[], idempotencyKey: string) =>
    new Promise<string[]>((resolve, reject) => {
      worker ??= start();
      const id = nextId++;
      pending.set(id, { resolve, reject });
      worker.ref(); // a call in flight keeps the process alive until its answer
      worker.postMessage({ id, op, emails, idempotencyKey } satisfies ThreadRequest);
    });

  return {
    name: "resend",
    async send(email, { idempotencyKey }) {
      const [id] = await call("single", [email], idempotencyKey);
      return { id: id! };
    },
    async sendBatch(emails, { idempotencyKey }) {
      return { ids: await call("batch", emails, idempotencyKey) };
    },
  };
}
