/**
 * The few parts of `cloudflare:test` (@cloudflare/vitest-pool-workers) these tests use, declared
 * here so the project's one tsc run (Node and DOM types) checks them without the Workers globals.
 */
declare module "cloudflare:test" {
  import type { ExecutionContext, MessageBatch, ScheduledController, WorkerEnv } from "../../src/workers/env";

  export const env: WorkerEnv & { TEST_MIGRATIONS: unknown; FAKE_RESEND_CONTROL: string; FAKE_TURSO_TOKEN: string };
  export const SELF: { fetch(input: string | Request | URL, init?: RequestInit): Promise<Response> };
  export function createExecutionContext(): ExecutionContext;
  export function waitOnExecutionContext(ctx: ExecutionContext): Promise<void>;
  export function createScheduledController(options?: {
    scheduledTime?: Date | number;
    cron?: string;
  }): ScheduledController;
  export function createMessageBatch<Body>(
    queueName: string,
    messages: { id: string; timestamp: Date; attempts: number; body: Body }[],
  ): MessageBatch<Body>;
  export function getQueueResult(
    batch: MessageBatch<unknown>,
    ctx: ExecutionContext,
  ): Promise<{
    outcome: string;
    ackAll: boolean;
    retryBatch: { retry: boolean };
    explicitAcks: string[];
    retryMessages: { msgId: string }[];
  }>;
  export function applyD1Migrations(db: unknown, migrations: unknown): Promise<void>;
}

/** Vite's `?raw` imports (a file's text), which work in both pools where node:fs does not. */
declare module "*?raw" {
  const text: string;
  export default text;
}
