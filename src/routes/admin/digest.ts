import { Hono } from "hono";
import { digestJob } from "../../../cron/digest";
import type { AppEnv } from "../../deps";
import { previewDigest } from "../../digest/preview";
import { AppError } from "../../errors";
import { recentRuns } from "../../jobs/record-run";
import { parseEmail } from "../../subscribers/email-address";

/** /admin/api/digest: run now, list recent runs with their counts, preview anyone's next digest. */
export const adminDigestRoutes = new Hono<AppEnv>()
  .post("/digest/run", async (c) => {
    const deps = c.var.deps;
    const flag = c.req.query("dryRun");
    if (flag !== undefined && flag !== "true" && flag !== "false")
      throw new AppError("VALIDATION_FAILED", "dryRun must be true or false.");
    const dryRun = flag === "true";
    return c.json(await digestJob(deps, { now: deps.clock.now(), dryRun }));
  })
  .get("/digest/runs", async (c) => c.json({ runs: await recentRuns(c.var.deps.db, { job: "digest" }) }))
  .get("/digest/preview", async (c) => {
    const email = parseEmail(c.req.query("email"));
    if (!email.ok) throw new AppError("VALIDATION_FAILED", `email: ${email.error}`);
    const deps = c.var.deps;
    const preview = await previewDigest(deps, { email: email.value, now: deps.clock.now() });
    if (preview.reason === "no such subscriber") throw new AppError("NOT_FOUND", "No subscriber with that address.");
    if (!preview.email) return c.json({ digest: null, reason: preview.reason });
    const { subject, html, text, headers } = preview.email;
    return c.json({
      digest: { subject, html, text, headers, listings: preview.listings, totalMatches: preview.totalMatches },
    });
  });
