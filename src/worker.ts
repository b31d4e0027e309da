import { jobCron, jobs } from "../cron/schedule";
import { createApp } from "./app";
import { ConfigError } from "./config";
import { createLogger } from "./log";
import { type FormCaches, newFormCaches } from "./routes/form-services";
import { consumeBatch } from "./workers/consumer";
import { buildWorkerDeps } from "./workers/deps";
import { drainableRequest } from "./workers/unread-body";
import type { ExecutionContext, MessageBatch, QueueMessageBody, ScheduledController, WorkerEnv } from "./workers/env";
import { fanOutDigest, fanOutIngest } from "./workers/fan-out";

/**
 * The Cloudflare Workers entry (wrangler.toml): the same app, jobs and weekly run as `npm start`,
 * with D1 (or Turso) for the database and Queues to spread the weekly run and ingestion over
 * consumers. Dependencies are built from the bindings for each invocation.
 */
export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext): Promise<Response> {
    const deps = await buildOrExplain(env, ctx);
    if (deps instanceof Response) return deps;
    const { request: req, drain } = drainableRequest(request);
    const response = await createApp(deps, { caches: formCachesFor(env) }).fetch(req, env, ctx);
    await drain();
    return response;
  },

  /**
   * A Cron Trigger: the job whose cron/schedule.ts expression (Cloudflare dialect) fired. An
   * expression no job has (wrangler dev's bare /__scheduled) runs the digest tick.
   */
  async scheduled(controller: ScheduledController, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    const deps = await buildWorkerDeps(env, ctx);
    const now = new Date(controller.scheduledTime);
    const job = jobs.find((j) => jobCron(j, "cloudflare") === controller.cron)?.name ?? "digest";
    const started = Date.now();
    const summary =
      job === "digest"
        ? await fanOutDigest(deps, env.DIGEST_QUEUE, { now, sliceSize: sliceSize(env) })
        : job === "ingest"
          ? await fanOutIngest(deps, env.INGEST_QUEUE, { now })
          : await jobs.find((j) => j.name === job)!.run(deps, { now });
    deps.log.info("job.finished", { job, cron: controller.cron, durationMs: Date.now() - started, ...summary });
  },

  async queue(batch: MessageBatch<QueueMessageBody>, env: WorkerEnv, ctx: ExecutionContext): Promise<void> {
    await consumeBatch(batch, await buildWorkerDeps(env, ctx));
  },
};

/**
 * The forms' prebuilt parts and the live count's listings, one set per environment (in practice
 * per isolate), kept across requests. The app and its deps are built per request (they hold the
 * request's waitUntil); built with them, these were rebuilt every time: GET / cost 54 ms of CPU
 * instead of 2.5 ms (measured on Node's V8, same code), over the Free plan's 10 ms a request, and
 * every page and live count read every open listing again. They hold derived data only (public
 * listings, page bytes with a slot for the CSRF token): no request's I/O, no address, no token.
 */
const formCaches = new WeakMap<WorkerEnv, FormCaches>();
export function formCachesFor(env: WorkerEnv): FormCaches {
  let caches = formCaches.get(env);
  if (!caches) formCaches.set(env, (caches = newFormCaches()));
  return caches;
}

/** DIGEST_SLICE_SIZE: subscribers per queue message (default in workers/slices.ts). */
function sliceSize(env: WorkerEnv): number | undefined {
  const n = Number(env.DIGEST_SLICE_SIZE);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

/**
 * A configuration error answers 500 with the variable's name (never a value), and is logged once.
 * The app's middleware never runs for it, so the answer carries the headers every response has
 * (README "Security": a Content-Security-Policy on every response) itself.
 */
async function buildOrExplain(env: WorkerEnv, ctx: ExecutionContext) {
  try {
    return await buildWorkerDeps(env, ctx);
  } catch (err) {
    if (!(err instanceof ConfigError)) throw err;
    createLogger().error("config.invalid", { message: err.message });
    return new Response(`${err.message}\n`, { status: 500, headers: CONFIG_ERROR_HEADERS });
  }
}

const CONFIG_ERROR_HEADERS = {
  "content-type": "text/plain; charset=utf-8",
  "cache-control": "no-store",
  "content-security-policy": "default-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
  "x-content-type-options": "nosniff",
  "referrer-policy": "no-referrer",
};
