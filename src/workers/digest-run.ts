import type { Deps } from "../deps";
import { finishLeftovers as finishRun, runDigest } from "../digest/run";
import type { IdSlice } from "./slices";

type RunDeps = Pick<Deps, "db" | "mailer" | "config" | "retry" | "log" | "signer" | "suppressionKeys">;

/**
 * One slice of the weekly run. Only the run's own deps are passed: without sources and a fetch
 * policy the run does not re-check stale listings, which the tick did once for all its slices.
 */
export function runSlice(deps: RunDeps, input: { now: Date; slice: IdSlice; runId?: string }) {
  const { db, mailer, config, retry, log, signer, suppressionKeys } = deps;
  return runDigest({ db, mailer, config, retry, log, signer, suppressionKeys }, input);
}

/** What a dead run left, finished before the tick enqueues this week's slices. */
export function finishLeftovers(deps: RunDeps, input: { now: Date }) {
  return finishRun(deps, input);
}
