import { mailOnRequest } from "./mail-on-request";
import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { readForm } from "../http/form";
import { NothingStoredPage, ResubscribeRequestedPage, UnsubscribedPage, UnsubscribePage } from "../pages/unsubscribe";
import { requireToken } from "../security/require-token";
import { findSubscriber } from "../subscribers/store";
import {
  parseUnsubscribeReason,
  recordUnsubscribeReason,
  requestResubscribe,
  unsubscribe,
} from "../subscribers/unsubscribe";

const ONE_CLICK_PATH = /^\/unsubscribe\/[^/]+$/;

/**
 * The RFC 8058 one-click POST: mail clients send `List-Unsubscribe=One-Click` form-encoded, without
 * cookies, CSRF token or Origin. createApp passes this to csrf({ exempt }); nothing else is exempt.
 */
export function isOneClickUnsubscribe(req: Request, form: Record<string, unknown>): boolean {
  return ONE_CLICK_PATH.test(new URL(req.url).pathname) && form["List-Unsubscribe"] === "One-Click";
}

/**
 * GET /unsubscribe/:token shows one button and changes nothing. POST unsubscribes at once
 * (the page's button, or a mail client's one-click POST, answered 200, never a redirect);
 * from the unsubscribed page, POST with action=reason keeps an optional reason and
 * action=resubscribe mails the address a link that subscribes it again when followed.
 * The link does nothing else: its pages show no preferences, data or digest links, since it
 * travels in a header that mail providers see. Unsubscribe tokens never expire.
 */
export const unsubscribeRoutes = new Hono<AppEnv>()
  .get("/unsubscribe/:token", async (c) => {
    const { deps } = c.var;
    const token = c.req.param("token");
    const id = await requireToken(deps, "unsubscribe", token);
    const found = await findSubscriber(deps.db, { id });
    if (!found) return c.html(<NothingStoredPage />);
    if (found.subscriber.status === "unsubscribed")
      return c.html(<UnsubscribedPage token={token} csrfToken={c.var.csrfToken} />);
    return c.html(<UnsubscribePage token={token} csrfToken={c.var.csrfToken} />);
  })
  .post("/unsubscribe/:token", async (c) => {
    const { deps } = c.var;
    const token = c.req.param("token");
    const id = await requireToken(deps, "unsubscribe", token);
    const form = await readForm(c);
    const oneClick = form["List-Unsubscribe"] === "One-Click";
    const action = oneClick ? "unsubscribe" : typeof form.action === "string" ? form.action : "unsubscribe";
    const page = (extra: { reasonSaved?: boolean; reasonError?: string; reason?: string; comment?: string } = {}) => (
      <UnsubscribedPage token={token} csrfToken={c.var.csrfToken} {...extra} />
    );

    if (action === "unsubscribe") {
      const found = await unsubscribe(deps, { subscriberId: id, source: oneClick ? "one-click" : "page" });
      return c.html(found ? page() : <NothingStoredPage />, 200);
    }
    if (action === "reason") {
      const reason = parseUnsubscribeReason(form.reason, form.comment);
      if (!reason.ok) {
        const typed = (v: unknown) => (typeof v === "string" ? v : undefined);
        return c.html(
          page({ reasonError: reason.error, reason: typed(form.reason), comment: typed(form.comment) }),
          400,
        );
      }
      await recordUnsubscribeReason(deps, { subscriberId: id, reason: reason.value });
      return c.html(page({ reasonSaved: true }));
    }
    if (action === "resubscribe") {
      const found = await findSubscriber(deps.db, { id });
      await mailOnRequest(deps, {
        email: found?.subscriber.email,
        event: "resubscribe.mail_failed",
        send: () => requestResubscribe(deps, id),
      });
      return c.html(<ResubscribeRequestedPage />);
    }
    throw new AppError("BAD_REQUEST", "That request could not be understood. Please use the buttons on the page.");
  });
