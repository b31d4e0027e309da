import { Hono, type Context } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { readForm } from "../http/form";
import { formatDay, PreferenceCentrePage, type PreferenceCentreProps } from "../pages/preference-centre";
import { clientKeyOf, hitRateLimit, MATCH_COUNT_PER_CLIENT } from "../security/rate-limit";
import { requireToken } from "../security/require-token";
import { subscriberLinks } from "../subscribers/links";
import { employerTypesInPool } from "../subscribers/match-count";
import { digestWeeksDone, nextDigestAt } from "../subscribers/next-digest";
import { parsePauseWeeks, pauseSubscription, resumeSubscription } from "../subscribers/pause";
import { parsePreferences, preferencesToFields } from "../subscribers/preferences";
import { readEmptyWeekNotes, saveEmptyWeekNotes } from "../subscribers/empty-week-notes-setting";
import { findSubscriber } from "../subscribers/store";
import { updatePreferences } from "../subscribers/update-preferences";
import { countFor, formValues, lastValue, type FormServices } from "./form-services";

type Extra = Pick<PreferenceCentreProps, "values" | "errors" | "changes" | "notice" | "count" | "countAsked">;

/** Loads the subscriber of a manage token and renders the centre with whatever the action produced. */
async function render(
  c: Context<AppEnv>,
  forms: FormServices,
  id: string,
  extra: Partial<Extra> = {},
  status: 200 | 400 | 429 = 200,
) {
  const { deps } = c.var;
  const found = await findSubscriber(deps.db, { id });
  if (!found)
    throw new AppError("NOT_FOUND", "This subscription no longer exists. You can subscribe again from the home page.");
  const now = deps.clock.now();
  const [links, pool, had] = await Promise.all([
    subscriberLinks(deps, id),
    forms.pool.current(forms.pageMaxAgeMs),
    digestWeeksDone(deps.db, id, found.preferences.timezone, now),
  ]);
  const count =
    extra.count ?? (extra.errors ? undefined : await countFor(forms, found.preferences, now, forms.pageMaxAgeMs));
  return c.html(
    <PreferenceCentrePage
      token={c.req.param("token")!}
      csrfToken={c.var.csrfToken}
      subscriber={found.subscriber}
      preferences={found.preferences}
      now={now}
      nextDigest={nextDigestAt(found.preferences, now, { pausedUntil: found.subscriber.pausedUntil, weeksDone: had })}
      values={extra.values ?? preferencesToFields(found.preferences)}
      errors={extra.errors}
      changes={extra.changes}
      notice={extra.notice}
      count={count}
      countAsked={extra.countAsked}
      emptyWeekNotes={await readEmptyWeekNotes(deps.db, id)}
      links={{ unsubscribe: links.unsubscribe, data: `${deps.config.publicUrl}/my-data/${links.tokens.manage}` }}
      statics={forms.statics}
      employerTypes={employerTypesInPool(pool)}
    />,
    status,
  );
}

/**
 * GET /preferences/:token — the preference centre (a manage-purpose token). POST does one of
 * `action`: save (same fields and validation as the subscribe form), count (the no-JavaScript
 * count of matches, nothing saved), pause (2, 4 or 12 weeks, ending on their slot) or resume.
 * Footer links may add a fragment (#field-stacks, #pause) to focus one part.
 */
export function preferencesRoutes(forms: FormServices) {
  return new Hono<AppEnv>()
    .get("/preferences/:token", async (c) => {
      const id = await requireToken(c.var.deps, "manage", c.req.param("token"));
      return render(c, forms, id);
    })
    .post("/preferences/:token", async (c) => {
      const { deps } = c.var;
      const id = await requireToken(deps, "manage", c.req.param("token"));
      const form = await readForm(c);
      // The count button adds a second `action` after the form's hidden one: the last says what was pressed.
      // No default: a POST naming no action (a pause sent without one) once saved the empty form's
      // defaults over every filter.
      const action = lastValue(form.action);

      if (action === "save" || action === "count") {
        const values = formValues(form);
        const parsed = parsePreferences(values);
        if (!parsed.ok) return render(c, forms, id, { values, errors: parsed.errors }, 400);
        if (action === "count") {
          const limit = await hitRateLimit(deps.db, MATCH_COUNT_PER_CLIENT, clientKeyOf(c, deps), deps.clock.now());
          if (!limit.allowed)
            return render(
              c,
              forms,
              id,
              { values, notice: "Too many counts just now: please wait a few minutes." },
              429,
            );
          return render(c, forms, id, {
            values,
            count: await countFor(forms, parsed.value, deps.clock.now()),
            countAsked: true,
          });
        }
        const changes = await updatePreferences(deps, { subscriberId: id, preferences: parsed.value });
        changes.push(...(await saveEmptyWeekNotes(deps.db, id, form.emptyWeekNotes))); // issue 18.5
        return render(c, forms, id, { changes });
      }
      if (action === "pause") {
        const weeks = parsePauseWeeks(form.weeks);
        if (!weeks) throw new AppError("VALIDATION_FAILED", "Choose a pause of 2, 4 or 12 weeks.");
        const found = await findSubscriber(deps.db, { id });
        if (!found)
          throw new AppError(
            "NOT_FOUND",
            "This subscription no longer exists. You can subscribe again from the home page.",
          );
        const until = await pauseSubscription(deps, { subscriberId: id, weeks, slot: found.preferences });
        return render(c, forms, id, {
          notice: `Paused. No digest until ${formatDay(until, found.preferences.timezone)}.`,
        });
      }
      if (action === "resume") {
        await resumeSubscription(deps, id);
        return render(c, forms, id, { notice: "Resumed. Your next digest is shown above." });
      }
      throw new AppError("BAD_REQUEST", "That request could not be understood. Please use the buttons on the page.");
    });
}
