import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../deps";
import { PAGE_CSS } from "../pages/layout";
import { PREFERENCE_CENTRE_CSS } from "../pages/preference-centre";
import { FORM_CSS, FORM_SCRIPT } from "../pages/form-script";
import { sha256 } from "../security/web-crypto";

/**
 * Content-Security-Policy for every response (issue 16.9). Pages carry no external assets; their
 * few inline blocks are allowed by SHA-256 hash, so an injected <script> or style never runs even
 * if escaping failed somewhere. Adding an inline block to a page means listing it here (the
 * browser test in test/browser/csp.test.ts fails on any violation).
 */
const INLINE_SCRIPTS = [FORM_SCRIPT];
const INLINE_STYLES = [PAGE_CSS, PREFERENCE_CENTRE_CSS, FORM_CSS];

const hashSource = async (text: string) => `'sha256-${btoa(String.fromCharCode(...(await sha256(text))))}'`;
const hashSources = async (texts: string[]) => (await Promise.all(texts.map(hashSource))).join(" ");

const COMMON = ["default-src 'none'", "base-uri 'none'", "form-action 'self'", "frame-ancestors 'none'"];

async function pagePolicy(): Promise<string> {
  return [
    ...COMMON,
    `script-src ${await hashSources(INLINE_SCRIPTS)}`,
    `style-src ${await hashSources(INLINE_STYLES)}`,
    "img-src 'self' data:",
    "connect-src 'self'", // the forms' live count (GET /api/match-count)
  ].join("; ");
}

/**
 * The development outbox shows emails as they will arrive (inline styles, remote images) in a
 * sandboxed srcdoc frame, which inherits this policy; still no script at all.
 */
export const OUTBOX_POLICY = [
  ...COMMON,
  "script-src 'none'",
  "style-src 'unsafe-inline'",
  "img-src 'self' data: https: http:",
].join("; ");

/**
 * Sets the policy before the route runs, so it is part of the response as created: on Node a
 * header added to a finished response can be lost when a later middleware re-wraps it. The
 * hashes are computed (Web Crypto) once per app, at its first request.
 */
export function contentSecurityPolicy() {
  let page: Promise<string> | undefined;
  return createMiddleware<AppEnv>(async (c, next) => {
    page ??= pagePolicy();
    c.header("Content-Security-Policy", c.req.path.startsWith("/dev/outbox") ? OUTBOX_POLICY : await page);
    await next();
  });
}
