import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { OUTBOX_POLICY } from "../http/csp";
import { OutboxListPage, OutboxMessagePage } from "../pages/outbox";

/** /dev/outbox: mounted only outside production and only when the outbox transport is in use. */
export const devOutboxRoutes = new Hono<AppEnv>()
  .get("/dev/outbox", async (c) => c.html(<OutboxListPage messages={await outbox(c.var.deps).list()} />))
  .get("/dev/outbox/:id", async (c) => {
    const message = await outbox(c.var.deps).get(c.req.param("id"));
    if (!message) throw new AppError("NOT_FOUND", "There is no such message in the outbox.");
    return c.html(<OutboxMessagePage message={message} />);
  })
  .get("/dev/outbox/:id/html", async (c) => {
    // The HTML part as a page of its own, the way a phone's mail app shows it (no frame to scroll
    // inside a page). CSP `sandbox` gives it an opaque origin and no scripts, as the frame had.
    const message = await outbox(c.var.deps).get(c.req.param("id"));
    if (!message) throw new AppError("NOT_FOUND", "There is no such message in the outbox.");
    c.header("Content-Security-Policy", `${OUTBOX_POLICY}; sandbox allow-popups allow-popups-to-escape-sandbox`);
    return c.html(message.html);
  });

function outbox(deps: AppEnv["Variables"]["deps"]) {
  if (!deps.outbox) throw new AppError("NOT_FOUND", "The outbox is not in use: mail is sent through Resend.");
  return deps.outbox;
}
