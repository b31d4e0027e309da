import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { Summary } from "../pages/confirm";
import { MessagePage } from "../pages/message";
import { requireToken } from "../security/require-token";
import { describePreferences } from "../subscribers/describe";
import { findSubscriber } from "../subscribers/store";

/**
 * GET /preferences/:token — for now a read-only view of the subscriber's filters; the editable
 * preference centre (issue #5) replaces it.
 */
export const preferencesRoutes = new Hono<AppEnv>().get("/preferences/:token", async (c) => {
  const { deps } = c.var;
  const id = await requireToken(deps.config, "manage", c.req.param("token"));
  const found = await findSubscriber(deps.db, { id });
  if (!found) throw new AppError("NOT_FOUND", "This subscription no longer exists. You can subscribe again from the home page.");
  return c.html(
    <MessagePage title="Your subscription">
      <p>Your current filters:</p>
      <Summary lines={describePreferences(found.preferences)} />
      <p class="hint">Editing these from here is coming soon.</p>
    </MessagePage>,
  );
});
