import type { Config } from "../config";
import type { FetchPolicy } from "./fetch-source";

/**
 * The production fetch policy: 20 s timeout, 3 attempts, an honest User-Agent with a way to reach
 * us, bodies up to 20 MB and 5 redirects, private addresses refused unless SOURCES_ALLOW_PRIVATE.
 * `resolveHost` comes from the runtime (Node: src/node/resolve-host.ts).
 */
export function defaultFetchPolicy(
  config: Pick<Config, "publicUrl" | "sourcesAllowPrivate">,
  runtime: { resolveHost?: (hostname: string) => Promise<string[]> } = {},
): FetchPolicy {
  return {
    userAgent: `BackendWeekly/0.1 (+${config.publicUrl})`,
    timeoutMs: 20_000,
    attempts: 3,
    baseDelayMs: 2_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    fetch: (input, init) => fetch(input, init),
    maxBodyBytes: 20 * 1024 * 1024,
    maxRedirects: 5,
    allowPrivate: config.sourcesAllowPrivate,
    ...(runtime.resolveHost ? { resolveHost: runtime.resolveHost } : {}),
  };
}

/**
 * Whether a source is due: never attempted, or last attempted at least its minimum interval
 * before `now`. A last attempt after `now` (a run with `--now` ahead, a clock that ran fast, a
 * restored backup) is due too: waiting for the present to catch up with it would stop the source
 * for as long as the clock was wrong, and the fetch that follows records the present attempt.
 */
export function sourceIsDue(lastAttemptAt: Date | null | undefined, now: Date, minIntervalMinutes: number): boolean {
  if (!lastAttemptAt) return true;
  const sinceLast = now.getTime() - lastAttemptAt.getTime();
  return sinceLast < 0 || sinceLast >= minIntervalMinutes * 60_000;
}
