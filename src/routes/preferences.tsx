import { Hono, type Context } from "hono";
import type { AppEnv } from "../deps";
import { AppError } from "../errors";
import { readForm } from "../http/form";
import { formatDay, PreferenceCentrePage, type PreferenceCentreProps } from "../pages/preference-centre";
import { requireToken } from "../security/require-token";
import { subscriberLinks } from "../subscribers/links";
import { parsePauseWeeks, pauseSubscription, resumeSubscription } from "../subscribers/pause";
import { parsePreferences, preferencesToFields } from "../subscribers/preferences";
import { readEmptyWeekNotes, saveEmptyWeekNotes } from "../subscribers/empty-week-notes-setting";
import { findSubscriber } from "../subscribers/store";
import { updatePreferences } from "../subscribers/update-preferences";

type Extra = Pick<PreferenceCentreProps, "values" | "errors" | "changes" | "notice">;

/** Loads the subscriber of a manage token and renders the centre with whatever the action produced. */
async function render(c: Context<AppEnv>, id: string, extra: Partial<Extra> = {}, status: 200 | 400 = 200) {
  const { deps } = c.var;
  const found = await findSubscriber(deps.db, { id });
  if (!found) throw new AppError("NOT_FOUND", "This subscription no longer exists. You can subscribe again from the home page.");
  const links = await subscriberLinks(deps.config, id);
  return c.html(
    <PreferenceCentrePage
      token={c.req.param("token")!}
      csrfToken={c.var.csrfToken}
      subscriber={found.subscriber}
      timezone={found.preferences.timezone}
      now={deps.clock.now()}
      values={extra.values ?? preferencesToFields(found.preferences)}
      errors={extra.errors}
      changes={extra.changes}
      notice={extra.notice}
      emptyWeekNotes={await readEmptyWeekNotes(deps.db, id)}
      links={{ unsubscribe: links.unsubscribe, data: `${deps.config.publicUrl}/my-data/${links.tokens.manage}` }}
    />,
    status,
  );
}

/**
 * GET /preferences/:token — the preference centre (a manage-purpose token). POST does one of
 * `action`: save (same fields and validation as the subscribe form), pause (2, 4 or 12 weeks)
 * or resume. Footer links may add a fragment (#field-stacks, #pause) to focus one part.
 */
export const preferencesRoutes = new Hono<AppEnv>()
  .get("/preferences/:token", async (c) => {
    const id = await requireToken(c.var.deps.config, "manage", c.req.param("token"));
    return render(c, id);
  })
  .post("/preferences/:token", async (c) => {
    const { deps } = c.var;
    const id = await requireToken(deps.config, "manage", c.req.param("token"));
    const form = await readForm(c);
    const action = typeof form.action === "string" ? form.action : "save";

    if (action === "save") {
      const parsed = parsePreferences(form);
      if (!parsed.ok) {
        const { _csrf: _t, action: _a, ...values } = form;
        return render(c, id, { values, errors: parsed.errors }, 400);
      }
      const changes = await updatePreferences(deps, { subscriberId: id, preferences: parsed.value });
      changes.push(...(await saveEmptyWeekNotes(deps.db, id, form.emptyWeekNotes))); // issue 18.5
      return render(c, id, { changes });
    }
    if (action === "pause") {
      const weeks = parsePauseWeeks(form.weeks);
      if (!weeks) throw new AppError("VALIDATION_FAILED", "Choose a pause of 2, 4 or 12 weeks.");
      const until = await pauseSubscription(deps, { subscriberId: id, weeks });
      const found = await findSubscriber(deps.db, { id });
      return render(c, id, { notice: `Paused. No digest until ${formatDay(until, found!.preferences.timezone)}.` });
    }
    if (action === "resume") {
      await resumeSubscription(deps, id);
      return render(c, id, { notice: "Resumed. Your next digest comes at your usual time." });
    }
    throw new AppError("BAD_REQUEST", "That request could not be understood. Please use the buttons on the page.");
  });
