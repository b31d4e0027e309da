import type { Deps } from "../deps";
import * as run from "../digest/run";
import type { IdSlice } from "./slices";

/**
 * The two entry points of the weekly run the Worker uses, from src/digest/run.ts (branch `core`):
 * `runDigest(deps, { now, slice })` for one inclusive id range, and `finishLeftovers(deps, { now })`
 * for what a dead run left. Reached through this one module so the Worker names them in one place.
 */
type RunDeps = Parameters<typeof run.runDigest>[0];
type SliceRun = (deps: RunDeps, input: { now: Date; slice: IdSlice }) => ReturnType<typeof run.runDigest>;
type Leftovers = (deps: RunDeps, input: { now: Date }) => Promise<unknown>;

export async function runSlice(deps: Pick<Deps, "db" | "mailer" | "config" | "retry" | "log">, input: { now: Date; slice: IdSlice }) {
  return (run.runDigest as SliceRun)(deps, input);
}

export async function finishLeftovers(deps: Pick<Deps, "db" | "mailer" | "config" | "retry" | "log">, input: { now: Date }) {
  const finish = (run as unknown as { finishLeftovers?: Leftovers }).finishLeftovers;
  if (!finish) throw new Error("src/digest/run.ts has no finishLeftovers yet (branch core)");
  return finish(deps, input);
}
