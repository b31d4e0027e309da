import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { selectForSubscriber } from "../digest/select";
import { SamplePage } from "../pages/sample";
import { DEFAULT_PREFERENCES } from "../subscribers/preferences";
import { type FormServices } from "./form-services";

/**
 * GET /sample — what a digest looks like, made by the weekly run's own selection from the
 * listings on hand (the demo listings after `seed-demo`) for the default filters. Reads only.
 */
export function sampleRoutes(forms: FormServices) {
  return new Hono<AppEnv>().get("/sample", async (c) => {
    const now = c.var.deps.clock.now();
    const pool = await forms.pool.current(forms.pageMaxAgeMs);
    const selection = selectForSubscriber(pool, {
      prefs: DEFAULT_PREFERENCES,
      now,
      previousComposedAt: null,
      mailedFingerprints: new Set(),
    });
    return c.html(<SamplePage matches={selection.picked} total={selection.all.length} />);
  });
}
