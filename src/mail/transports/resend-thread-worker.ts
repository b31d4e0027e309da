/**
 * The worker side of resend-thread.ts: the Resend transport running on its own thread. Each
 * message is one provider call; the answer carries the result or the MailError's parts.
 */
import { parentPort, workerData } from "node:worker_threads";
import { MailError } from "../mailer";
import { createResendMailer } from "./resend";
import type { ThreadReply, ThreadRequest } from "./resend-thread";
import { unpackEmails } from "./thread-message";

const { apiKey, baseUrl, ratePerSec } = workerData as { apiKey: string; baseUrl?: string; ratePerSec?: number };
const mailer = createResendMailer(apiKey, baseUrl, ratePerSec);

parentPort!.on("message", async (request: ThreadRequest) => {
  const { id, idempotencyKey } = request;
  let reply: ThreadReply;
  try {
    const emails = unpackEmails(request.emails);
    reply =
      request.op === "batch"
        ? { id, ok: true, ids: (await mailer.sendBatch(emails, { idempotencyKey })).ids }
        : { id, ok: true, ids: [(await mailer.send(emails[0]!, { idempotencyKey })).id] };
  } catch (err) {
    reply =
      err instanceof MailError
        ? { id, ok: false, kind: err.kind, message: err.message, retryAfterMs: err.retryAfterMs }
        : { id, ok: false, kind: "network", message: `Resend transport: ${String(err)}` };
  }
  parentPort!.postMessage(reply);
});
