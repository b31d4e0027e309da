import type { Mailer } from "../mailer";
import type { Pacer } from "../pacer";
import { createResendMailer } from "./resend";
import { createThreadedResendMailer } from "./resend-thread";

/**
 * Above this many requests per second, a Node process sends through Resend on its own thread.
 * Measured through the fake Resend (bench, resend mode, 25,000 subscribers, two runs each): in
 * the calling thread 916–983 emails/s at ~400 MB peak RSS, on the thread 1,095–1,126 emails/s at
 * ~540 MB. Below ~9 requests/s (900 emails/s) the calling thread keeps up with the limit alone,
 * so the thread would cost its memory for nothing; the default is 2.
 */
export const THREAD_ABOVE_REQUESTS_PER_SEC = 8;

/**
 * The Resend transport for a Node process; `ratePerSec` undefined means no limit. `sharedPacer`
 * (the database's, shared by every process) paces the in-thread transport; the thread, above
 * THREAD_ABOVE_REQUESTS_PER_SEC, keeps its own per-process pacer.
 */
export function createNodeResendMailer(apiKey: string, baseUrl: string | undefined, ratePerSec: number | undefined, sharedPacer?: Pacer): Mailer {
  return ratePerSec === undefined || ratePerSec > THREAD_ABOVE_REQUESTS_PER_SEC
    ? createThreadedResendMailer(apiKey, baseUrl, ratePerSec)
    : createResendMailer(apiKey, baseUrl, sharedPacer ?? ratePerSec);
}
