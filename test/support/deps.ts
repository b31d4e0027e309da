import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../db/client";
import { applyMigrations } from "../../src/node/migrate";
import { trackedBackground, type TrackedBackground } from "../../src/background";
import { fixedClock, type Clock } from "../../src/clock";
import { parseConfig, type Config } from "../../src/config";
import type { Deps } from "../../src/deps";
import { memoryLogger } from "../../src/log";
import type { Mailer } from "../../src/mail/mailer";
import type { RetryPolicy } from "../../src/mail/send-with-retry";
import { createSharedPacer } from "../../src/mail/pacer";
import { createResendMailer } from "../../src/mail/transports/resend";
import { importKeys } from "../../src/security/keys";
import { startFakeResend, type FakeResend } from "./fake-resend";
import { limitedClient } from "../../db/statement-limits";

/** A database file opened as production opens it, with D1's statement limits enforced. */
export const openTestDatabase = (url: string) => openDatabase(url, undefined, { wrap: limitedClient });

export const TEST_SECRET = "test-secret-0123456789abcdef";

export type TestDeps = Deps & {
  database: Database;
  background: TrackedBackground;
  clock: ReturnType<typeof fixedClock>;
  log: ReturnType<typeof memoryLogger>;
  dir: string;
  close(): Promise<void>;
};

/** The same dependencies under another configuration, its keys imported as an entry would. */
export async function withConfig<D extends Deps>(deps: D, config: Config): Promise<D> {
  return { ...deps, config, ...(await importKeys(config)) };
}

/** Retries without real waiting, but counting the delays asked for. */
export function instantRetry(maxAttempts = 5): RetryPolicy & { delays: number[] } {
  const delays: number[] = [];
  return { maxAttempts, baseDelayMs: 1, maxDelayMs: 10, delays, sleep: async (ms) => void delays.push(ms) };
}

/** Production's delays (so retry-after is honoured as asked), without the waiting, recorded. */
export function recordingRetry(maxAttempts: number): RetryPolicy & { delays: number[] } {
  const delays: number[] = [];
  return { maxAttempts, baseDelayMs: 500, maxDelayMs: 30_000, delays, sleep: async (ms) => void delays.push(ms) };
}

/**
 * Real dependencies on a temp libSQL file (one per call, never `:memory:`), a fixed clock and an
 * in-memory log. The mailer is whatever the test passes; see withFakeResend for the usual one.
 */
export async function createTestDeps(opts: {
  mailer: Mailer;
  now?: string;
  env?: Record<string, string>;
}): Promise<TestDeps> {
  const dir = mkdtempSync(join(tmpdir(), "bw-test-"));
  const config: Config = parseConfig({
    NODE_ENV: "test",
    TOKEN_SECRET: TEST_SECRET,
    PUBLIC_URL: "http://localhost:3000",
    DATABASE_URL: `file:${join(dir, "test.db")}`,
    OUTBOX_DIR: join(dir, "outbox"),
    MAIL_FROM: "Backend Weekly <digest@example.com>",
    ...opts.env,
  });
  // Under D1's statement limits, so the whole suite proves the code portable (limited-client.ts).
  const database = await openTestDatabase(config.databaseUrl);
  await applyMigrations(database.db);
  const clock = fixedClock(opts.now ?? "2026-11-25T12:00:00Z");
  const log = memoryLogger();
  return {
    database,
    db: database.db,
    mailer: opts.mailer,
    clock,
    log,
    background: trackedBackground(log),
    config,
    ...(await importKeys(config)),
    retry: instantRetry(),
    sources: async () => [],
    // The local source servers listen on 127.0.0.1: SOURCES_ALLOW_PRIVATE, as an intranet board would need.
    fetchPolicy: {
      userAgent: "BackendWeekly/test",
      timeoutMs: 5_000,
      attempts: 3,
      baseDelayMs: 1,
      sleep: async () => {},
      fetch: (i, init) => fetch(i, init),
      allowPrivate: true,
    },
    dir,
    async close() {
      database.client.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The usual integration setup: the real Resend SDK talking to a fake Resend on loopback. */
export async function createDepsWithFakeResend(
  opts: { now?: string; env?: Record<string, string> } = {},
): Promise<TestDeps & { fake: FakeResend }> {
  let clock: Clock | undefined;
  const fake = await startFakeResend({ now: () => (clock ? clock.now().getTime() : Date.now()) });
  const deps = await createTestDeps({ ...opts, mailer: createResendMailer("re_test_key", fake.url) });
  // Paced as the service paces: through the database, shared by every process on it.
  const rate = opts.env?.SEND_RATE_PER_SEC;
  if (rate) deps.mailer = createResendMailer("re_test_key", fake.url, createSharedPacer(deps.db, Number(rate)));
  clock = deps.clock;
  return Object.assign(deps, {
    fake,
    async close() {
      await fake.close();
      deps.database.client.close();
      rmSync(deps.dir, { recursive: true, force: true });
    },
  });
}
