import { createExecutionContext, env, waitOnExecutionContext } from "cloudflare:test";
import type { Hono } from "hono";
import type { AppEnv } from "../../../src/deps";
import worker from "../../../src/worker";
import type { WorkerEnv } from "../../../src/workers/env";

/** What the fake Resend (global-setup.ts) accepted, as its control server reports it. */
export interface Accepted {
  to: string[];
  subject: string;
  idempotencyKey: string | null;
  text: string;
}

export async function fakeResend(path: "/accepted"): Promise<Accepted[]>;
export async function fakeResend(path: "/reset" | `/fail?from=${number}`): Promise<void>;
export async function fakeResend(path: string): Promise<Accepted[] | void> {
  const res = await fetch(`${env.FAKE_RESEND_CONTROL}${path}`, { method: path === "/accepted" ? "GET" : "POST" });
  if (!res.ok) throw new Error(`fake Resend control ${path}: ${res.status}`);
  if (path === "/accepted") return (await res.json()) as Accepted[];
}

/**
 * The Worker's own fetch handler, shaped like Hono's app.request so test/support/forms.ts's
 * FormSession drives it; each request waits for its waitUntil work (mail handed off after the
 * answer) before returning, as a test must see the mail it caused.
 */
export function workerApp(bindings: WorkerEnv = env): Hono<AppEnv> {
  const request = async (path: string, init?: RequestInit) => {
    const ctx = createExecutionContext();
    const res = await worker.fetch(new Request(new URL(path, "http://localhost:8787"), init), bindings, ctx);
    await waitOnExecutionContext(ctx);
    return res;
  };
  return { request } as unknown as Hono<AppEnv>;
}
