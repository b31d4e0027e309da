import type { Context } from "hono";
import type { Logger } from "./log";

/**
 * Work a request hands off to finish after its answer, so the answer takes the same path and time
 * whatever the work turns out to be (issue 16.4: a suppressed address must not answer faster).
 * Held in Deps: on Node a tracked set of promises; tests use one and await `idle()`.
 */
export interface Background {
  run(name: string, task: () => Promise<unknown>): void;
}

export interface TrackedBackground extends Background {
  /** Resolves once every task started so far (and any they started) has settled. */
  idle(): Promise<void>;
}

/** Tasks run at once, unawaited; failures are logged by name only (they may carry an address). */
export function trackedBackground(log: Pick<Logger, "error">): TrackedBackground {
  const pending = new Set<Promise<unknown>>();
  return {
    run(name, task) {
      const p = settle(log, name, task).finally(() => pending.delete(p));
      pending.add(p);
    },
    async idle() {
      while (pending.size) await Promise.all(pending);
    },
  };
}

/**
 * Runs `task` after the answer: through Deps.background when the entry gave one, else as an
 * unawaited promise kept alive by the Worker's waitUntil where there is one.
 */
export function runAfterAnswer(
  c: Context,
  background: Background | undefined,
  log: Logger,
  name: string,
  task: () => Promise<unknown>,
): void {
  if (background) return background.run(name, task);
  const p = settle(log, name, task);
  try {
    c.executionCtx.waitUntil(p);
  } catch {
    // No execution context outside Workers: the promise runs on by itself.
  }
}

async function settle(log: Pick<Logger, "error">, name: string, task: () => Promise<unknown>): Promise<void> {
  try {
    await task();
  } catch (err) {
    log.error("background.failed", { task: name, error: err instanceof Error ? err.name : "unknown" });
  }
}
