import { raw } from "hono/html";
import type { SubscriberRow } from "../../db/schema";
import type { EmployerType } from "../domain/facets";
import { formatHour, WEEKDAYS } from "../domain/schedule";
import { CSRF_FIELD } from "../security/csrf";
import type { NextDigest } from "../subscribers/next-digest";
import { isPaused, PAUSE_WEEKS } from "../subscribers/pause";
import type { FieldErrors, Preferences } from "../subscribers/preferences";
import type { PreferenceChange } from "../subscribers/update-preferences";
import { errorAnchor } from "./form-controls";
import { FORM_CSS, FORM_SCRIPT } from "./form-script";
import type { FormStatics } from "./form-statics";
import { Page } from "./layout";
import { EmptyWeekNotesField } from "./empty-week-notes-field";
import { MainFilters, MoreFilters, SubmitBar, type FieldsContext, type FieldValues } from "./preference-fields";

/** A date as the subscriber reads it, in their timezone: "Wednesday, 23 December 2026". */
export function formatDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", {
    timeZone,
    weekday: "long",
    day: "numeric",
    month: "long",
    year: "numeric",
  }).format(at);
}

/** "Friday, 25 December 2026 at 09:00". */
function formatSlot(at: Date, timeZone: string): string {
  const time = new Intl.DateTimeFormat("en-GB", {
    timeZone,
    hour: "2-digit",
    minute: "2-digit",
    hourCycle: "h23",
  }).format(at);
  return `${formatDay(at, timeZone)} at ${time}`;
}

export interface PreferenceCentreProps {
  token: string;
  csrfToken: string;
  subscriber: SubscriberRow;
  /** The stored preferences (the form may show other values after a failed save). */
  preferences: Preferences;
  now: Date;
  nextDigest: NextDigest;
  values: FieldValues;
  errors?: FieldErrors;
  /** After a save: what changed (empty: nothing did). */
  changes?: PreferenceChange[];
  /** The empty-week note setting (EmptyWeekNotesField); absent: shown on. */
  emptyWeekNotes?: boolean;
  notice?: string;
  links: { unsubscribe: string; data: string };
  statics: FormStatics;
  employerTypes: readonly EmployerType[];
  count?: { count: number; empty: { message: string } | null };
  /** The page answers the no-JavaScript "Count matches" button. */
  countAsked?: boolean;
}

function Hidden(props: { csrfToken: string; action: string }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
      <input type="hidden" name="action" value={props.action} />
    </>
  );
}

// A result message after a reload (Save, Pause, Resume) takes the focus, as the error summary
// does: a screen reader reads it at once instead of starting again from the top of the page.
function Changes(props: { changes: PreferenceChange[] }) {
  if (props.changes.length === 0)
    return (
      <p class="notice" role="status" tabindex={-1} autofocus>
        Saved. Nothing changed.
      </p>
    );
  return (
    <div class="notice" role="status" tabindex={-1} autofocus>
      <p>Saved. What changed:</p>
      <ul>
        {props.changes.map((c) => (
          <li>
            <strong>{c.label}:</strong> {c.before} → {c.after}
          </li>
        ))}
      </ul>
    </div>
  );
}

/**
 * The top of the page (issue 18.6): whose subscription this is, when the next digest comes by
 * the scheduler's rule (subscribers/next-digest.ts), and any pause with "Resume now" beside it.
 */
function StatusBox(props: PreferenceCentreProps) {
  const { subscriber: s, preferences: p, nextDigest: next } = props;
  const tz = p.timezone;
  const slot = `${WEEKDAYS[p.sendWeekday - 1]}s at ${formatHour(p.sendHour)} (${tz})`;
  const when = next.now ? "within the next 15 minutes" : `on ${formatSlot(next.at, tz)}`;
  return (
    <div class="status-box" id="status">
      <p>
        For <strong id="subscriber-email">{s.email}</strong>
      </p>
      {s.status === "confirmed" ? (
        <p id="next-digest">
          Next digest: {when} (if anything new matches), then {slot}.
        </p>
      ) : null}
      {s.status === "confirmed" && isPaused(s, props.now) ? (
        <form method="post" action={`/preferences/${props.token}`}>
          <Hidden csrfToken={props.csrfToken} action="resume" />
          <p id="paused-until">
            Paused until {formatSlot(s.pausedUntil!, tz)}, your first {WEEKDAYS[p.sendWeekday - 1]} slot after the
            pause; it starts again by itself.
          </p>
          <button type="submit">Resume now</button>
        </form>
      ) : null}
      {s.status === "unsubscribed" ? (
        <p>
          You're unsubscribed, so no digest is sent. <a href={props.links.unsubscribe}>Resubscribe</a>
        </p>
      ) : s.status === "pending" ? (
        <p>Not confirmed yet: press the button in the confirmation email to start the digest.</p>
      ) : null}
    </div>
  );
}

function PauseSection(props: PreferenceCentreProps) {
  const s = props.subscriber;
  if (s.status !== "confirmed" || isPaused(s, props.now)) return null;
  return (
    <section id="pause" aria-labelledby="pause-heading">
      <h2 id="pause-heading">Take a break</h2>
      <form method="post" action={`/preferences/${props.token}`}>
        <Hidden csrfToken={props.csrfToken} action="pause" />
        <p class="hint" id="pause-hint">
          No digests while paused; it resumes by itself on your {WEEKDAYS[props.preferences.sendWeekday - 1]} slot, and
          you can resume early here.
        </p>
        <div class="choices">
          {PAUSE_WEEKS.map((w) => (
            <button
              type="submit"
              name="weeks"
              value={String(w)}
              class="secondary"
              aria-describedby="pause-hint"
            >{`Pause ${w} weeks`}</button>
          ))}
        </div>
      </form>
    </section>
  );
}

/** Inline, allowed by its hash in http/csp.ts. */
export const PREFERENCE_CENTRE_CSS =
  "fieldset:target{outline:3px solid #4338ca;outline-offset:2px}section{margin-top:1.5rem}";

/**
 * What the last POST did, first in the page title: after Save, pause or resume the page is the same
 * URL and the same heading, so a screen reader announcing only the new title could not tell (issue 18).
 * A notice's first phrase ("Paused.", "Resumed.", "Too many counts just now:") names its outcome.
 */
function outcomeOf(props: PreferenceCentreProps, failed: boolean): string {
  if (failed) return "Error: ";
  if (props.changes) return "Saved: ";
  const first = props.notice?.split(/[.:]/)[0]?.trim();
  return first ? `${first}: ` : "";
}

/** GET|POST /preferences/:token — the preference centre: who, when, pause, filters, links out. */
export function PreferenceCentrePage(props: PreferenceCentreProps) {
  const errors = props.errors ?? {};
  const messages = Object.entries(errors);
  const ctx: FieldsContext = {
    values: props.values,
    errors,
    statics: props.statics,
    now: props.now,
    employerTypes: props.employerTypes,
  };
  const p = props.preferences;
  const moreSet =
    p.focus.length > 0 ||
    p.minSalaryUsd !== null ||
    p.employerTypes.length > 0 ||
    p.mustHaveKeywords.length > 0 ||
    p.excludedKeywords.length > 0 ||
    p.excludedCompanies.length > 0;
  return (
    <Page title={`${outcomeOf(props, messages.length > 0)}Your subscription`} script={FORM_SCRIPT}>
      <style>{raw(PREFERENCE_CENTRE_CSS)}</style>
      <style>{raw(FORM_CSS)}</style>
      <h1>Your subscription</h1>
      <StatusBox {...props} />
      {props.changes ? <Changes changes={props.changes} /> : null}
      {props.notice ? (
        <p class="notice" role="status" tabindex={-1} autofocus>
          {props.notice}
        </p>
      ) : null}
      {messages.length ? (
        <div class="error-summary" role="alert" id="errors" tabindex={-1} autofocus>
          <h2>Nothing was saved. Please fix {messages.length === 1 ? "this" : "these"}:</h2>
          <ul>
            {messages.map(([field, message]) => (
              <li>
                <a href={errorAnchor(field)}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/preferences/${props.token}`} novalidate data-live-count>
        <Hidden csrfToken={props.csrfToken} action="save" />
        <MainFilters ctx={ctx} />
        <MoreFilters ctx={ctx} open={moreSet} />
        <EmptyWeekNotesField on={props.emptyWeekNotes ?? true} />
        <SubmitBar
          label="Save preferences"
          countAction={{ name: "action", value: "count" }}
          count={props.count}
          countAsked={props.countAsked}
        />
      </form>
      <PauseSection {...props} />
      <section aria-labelledby="more-heading">
        <h2 id="more-heading">Your data and leaving</h2>
        <p>
          <a href={props.links.data}>Download or delete your data</a>
          {props.subscriber.status !== "unsubscribed" ? (
            <>
              {" "}
              · <a href={props.links.unsubscribe}>Unsubscribe</a>
            </>
          ) : null}
        </p>
      </section>
    </Page>
  );
}
