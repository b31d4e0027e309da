import { afterAll, beforeAll, beforeEach } from "vitest";
import { createApp } from "../../src/app";
import { createDepsWithFakeResend } from "./deps";

export interface AppHarness {
  deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>;
  app: ReturnType<typeof createApp>;
}

const TABLES = [
  "delivery_contents",
  "mailed_fingerprints",
  "deliveries",
  "preferences",
  "subscribers",
  "suppressions",
  "webhook_events",
  "rate_limits",
];

/**
 * The usual integration setup for one test file: real deps on a temp libSQL file with the real
 * Resend SDK against the fake Resend, and the app on top. Before each test: the fake forgets,
 * the clock goes back to its start, and every subscriber-side table is emptied.
 */
export function useAppWithFakeResend(opts: { now?: string; env?: Record<string, string> } = {}): AppHarness {
  const harness = {} as AppHarness;
  const start = opts.now ?? "2026-11-25T12:00:00Z";
  beforeAll(async () => {
    harness.deps = await createDepsWithFakeResend({ now: start, ...(opts.env ? { env: opts.env } : {}) });
    harness.app = settlingApp(harness.deps);
  });
  afterAll(() => harness.deps.close());
  beforeEach(async () => {
    harness.deps.fake.reset();
    harness.deps.clock.set(start);
    for (const table of TABLES) await harness.deps.database.client.execute(`DELETE FROM ${table}`);
  });
  return harness;
}

/**
 * The app, with each request() also awaiting the work it handed to Deps.background (the subscribe
 * form mails after answering): tests then see the mail as a person eventually would.
 */
export function settlingApp(deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>): ReturnType<typeof createApp> {
  const app = createApp(deps);
  const request = app.request.bind(app);
  app.request = (async (...args: Parameters<typeof request>) => {
    const res = await request(...args);
    await deps.background.idle();
    return res;
  }) as typeof app.request;
  return app;
}
