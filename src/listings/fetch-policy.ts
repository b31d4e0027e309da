import type { Config } from "../config";
import type { FetchPolicy } from "./fetch-source";

/** The production fetch policy: 20 s timeout, 3 attempts, an honest User-Agent with a way to reach us. */
export function defaultFetchPolicy(config: Pick<Config, "publicUrl">): FetchPolicy {
  return {
    userAgent: `BackendWeekly/0.1 (+${config.publicUrl})`,
    timeoutMs: 20_000,
    attempts: 3,
    baseDelayMs: 2_000,
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    fetch: (input, init) => fetch(input, init),
  };
}
