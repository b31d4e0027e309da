import { Hono } from "hono";
import type { AppEnv } from "../deps";
import { clientKeyOf, hitRateLimit, MATCH_COUNT_PER_CLIENT } from "../security/rate-limit";
import { MATCH_WINDOW_DAYS } from "../subscribers/match-count";
import { parsePreferences, type FormInput } from "../subscribers/preferences";
import { parseSalaryInput } from "../subscribers/salary-input";
import { countFor, formValues, type FormServices } from "./form-services";

/**
 * GET /api/match-count?stacks=go&country=DE… — how many listings from the past 7 days match these
 * filters (issue 18.2), for the forms' live count. Same field names and validation as the forms;
 * an address is never read (an `email` parameter is ignored). Rate-limited per client. Answers
 * `{ count, days, text, empty: { field, message } | null, salaryNote }`, or `{ error }` with a 4xx.
 */
export function matchCountRoutes(forms: FormServices) {
  return new Hono<AppEnv>().get("/api/match-count", async (c) => {
    const { deps } = c.var;
    const now = deps.clock.now();
    c.header("Cache-Control", "no-store");
    const limit = await hitRateLimit(deps.db, MATCH_COUNT_PER_CLIENT, clientKeyOf(c, deps), now);
    if (!limit.allowed) {
      c.header("Retry-After", String(limit.retryAfterSec));
      return c.json(
        { error: { code: "RATE_LIMITED", message: "Too many count requests: the count pauses for a few minutes." } },
        429,
      );
    }
    const input: FormInput = {};
    for (const [key, values] of Object.entries(c.req.queries())) input[key] = values.length === 1 ? values[0] : values;
    const { email: _never, ...filters } = formValues(input);
    const parsed = parsePreferences(filters);
    if (!parsed.ok) {
      const message = Object.values(parsed.errors)[0] ?? "Those filters could not be read.";
      return c.json({ error: { code: "VALIDATION_FAILED", message, fields: parsed.errors } }, 400);
    }
    const result = await countFor(forms, parsed.value, now);
    const salary = parseSalaryInput(filters.minSalaryUsd);
    return c.json({ ...result, days: MATCH_WINDOW_DAYS, salaryNote: salary.ok ? (salary.note ?? null) : null });
  });
}
