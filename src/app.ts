import { type Context, Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { HTTPException } from "hono/http-exception";
import { secureHeaders } from "hono/secure-headers";
import type { AppEnv, Deps } from "./deps";
import { contentSecurityPolicy } from "./http/csp";
import { refuseNonFormBodies } from "./http/form";
import { notFoundOrNotAllowed, routeAnswers } from "./http/method-not-allowed";
import { noStoreOnTokenPages } from "./http/no-store";
import { isJsonPath, renderError } from "./http/on-error";
import { adminRoutes } from "./routes/admin";
import { apiSubscribeRoutes } from "./routes/api-subscribe";
import { confirmRoutes } from "./routes/confirm";
import { devOutboxRoutes } from "./routes/dev-outbox";
import { digestRoutes } from "./routes/digest";
import { createFormServices, type FormCaches } from "./routes/form-services";
import { healthRoutes } from "./routes/health";
import { matchCountRoutes } from "./routes/match-count";
import { metricsRoutes } from "./routes/metrics";
import { myDataRoutes } from "./routes/my-data";
import { preferencesRoutes } from "./routes/preferences";
import { subscribeRoutes } from "./routes/subscribe";
import { isOneClickUnsubscribe, unsubscribeRoutes } from "./routes/unsubscribe";
import { webhookRoutes } from "./routes/webhooks";
import { csrf } from "./security/csrf";
import { embedCors, isEmbeddedFormPost } from "./security/embed-origin";

/**
 * The whole HTTP surface, runtime-neutral: entries (Node, Worker) and tests build their Deps and
 * call this. It only adds middleware, mounts one sub-app per resource and installs onError.
 */
export function createApp(deps: Deps, opts: { caches?: FormCaches } = {}) {
  const app = new Hono<AppEnv>();
  // Built once per app: the forms' static parts and the live count's listings (issue 18.10).
  // An entry whose app lives for one request only (the Worker) passes caches that outlive it.
  const forms = createFormServices(deps.db, deps.config, opts.caches);

  app.use("*", async (c, next) => {
    const started = Date.now();
    c.set("deps", deps);
    c.set("requestId", c.req.header("x-request-id")?.slice(0, 64) || crypto.randomUUID());
    // Set before the route, not after: re-wrapping a finished response on Node (@hono/node-server's
    // lightweight Response) dropped every header secureHeaders had added to it.
    c.header("X-Request-Id", c.var.requestId);
    await next();
    deps.log.info("request", {
      requestId: c.var.requestId,
      method: c.req.method,
      route: c.req.routePath,
      status: c.res.status,
      durationMs: Date.now() - started,
    });
  });
  app.use("*", secureHeaders({ referrerPolicy: "no-referrer" }));
  app.use("*", contentSecurityPolicy()); // hashes of the pages' inline blocks (http/csp.ts)
  app.use("*", noStoreOnTokenPages);
  // Before the body limit, so its 413 carries CORS headers an embedding page can read (security/embed-origin.ts).
  app.use("/api/subscribe", embedCors);
  const limitBody = bodyLimit({
    maxSize: 64 * 1024,
    onError: () => {
      throw new HTTPException(413);
    },
  });
  // GET and HEAD carry no body; reading `raw.body` to find out made @hono/node-server build a full
  // Request (headers, AbortSignal) for every page view: a quarter of the subscribe page's cost under load.
  app.use("*", (c, next) => (c.req.method === "GET" || c.req.method === "HEAD" ? next() : limitBody(c, next)));
  // The embedded form's no-JavaScript POST /subscribe from an ALLOWED_ORIGINS site (security/embed-origin.ts).
  const pageCsrf = csrf({
    exempt: (req, form) => isOneClickUnsubscribe(req, form) || isEmbeddedFormPost(deps.config, req),
  });
  // A POST nothing answers skips the form checks, so it gets its 405 or 404 (notFoundOrNotAllowed), not a 403.
  const formChecked = (c: Context<AppEnv>) =>
    !isJsonPath(c.req.path) && (c.req.method !== "POST" || routeAnswers(app, "POST", c.req.path));
  app.use("*", async (c, next) => (formChecked(c) ? refuseNonFormBodies(c, next) : next()));
  app.use("*", async (c, next) => (formChecked(c) ? pageCsrf(c, next) : next()));

  app.route("/", healthRoutes);
  app.route("/", metricsRoutes);
  app.route("/", subscribeRoutes(forms));
  app.route("/", matchCountRoutes(forms));
  app.route("/", apiSubscribeRoutes);
  app.route("/", confirmRoutes);
  app.route("/", preferencesRoutes(forms));
  app.route("/", unsubscribeRoutes);
  app.route("/", myDataRoutes);
  app.route("/", webhookRoutes);
  app.route("/", digestRoutes);
  app.route("/admin/api", adminRoutes);
  if (!deps.config.isProduction) app.route("/", devOutboxRoutes);

  app.notFound(notFoundOrNotAllowed(app));
  app.onError(renderError);
  return app;
}
