import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { parseFormBody } from "../http/form";
import { constantTimeEqual, type LinkSigner } from "./tokens";
import { toBase64Url } from "./web-crypto";

const COOKIE = "bw_csrf";
export const CSRF_FIELD = "_csrf";

/**
 * Double-submit CSRF protection for our forms, working without JavaScript: a random nonce lives
 * in an HttpOnly SameSite=Lax cookie and every form carries an HMAC of it. A POST must bring
 * both, and a browser's Origin (when sent) must be this site. Routes opt out by passing `exempt`
 * (only the RFC 8058 one-click unsubscribe, which mail clients send without cookies).
 */
export function csrf(opts: { exempt?: (req: Request, form: Record<string, unknown>) => boolean } = {}) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const { signer } = c.var.deps;
    let nonce = getCookie(c, COOKIE);
    const validNonce = nonce !== undefined && /^[A-Za-z0-9_-]{22}$/.test(nonce);
    if (c.req.method === "POST") {
      const form = await parseFormBody(c);
      if (!opts.exempt?.(c.req.raw, form)) {
        const origin = c.req.header("origin");
        if (
          origin &&
          origin !== "null" &&
          origin !== new URL(c.req.url).origin &&
          origin !== new URL(c.var.deps.config.publicUrl).origin
        ) {
          throw new AppError("CSRF_FAILED", "This form was sent from another site. Please use the form on this site.");
        }
        const sent = form[CSRF_FIELD];
        const expected = validNonce ? await csrfTokenFor(signer, nonce!) : null;
        if (!expected || typeof sent !== "string" || !constantTimeEqual(sent, expected)) {
          throw new AppError(
            "CSRF_FAILED",
            "This form has expired or was not sent from this site. Please reload the page and try again.",
          );
        }
      }
    }
    if (!validNonce) {
      nonce = toBase64Url(crypto.getRandomValues(new Uint8Array(16)));
      const secure = c.var.deps.config.publicUrl.startsWith("https:");
      setCookie(c, COOKIE, nonce, { httpOnly: true, sameSite: "Lax", path: "/", secure, maxAge: 60 * 60 * 24 * 7 });
    }
    c.set("csrfToken", await csrfTokenFor(signer, nonce!));
    await next();
  });
}

function csrfTokenFor(signer: LinkSigner, nonce: string): Promise<string> {
  // Its own message prefix: no link token can ever equal a CSRF token, or the reverse.
  return signer.mac(`csrf:${nonce}`);
}
