import { raw } from "hono/html";
import type { SubscriberRow } from "../../db/schema";
import { CSRF_FIELD } from "../security/csrf";
import { isPaused, PAUSE_WEEKS } from "../subscribers/pause";
import type { FieldErrors } from "../subscribers/preferences";
import type { PreferenceChange } from "../subscribers/update-preferences";
import { Page } from "./layout";
import { EmptyWeekNotesField } from "./empty-week-notes-field";
import { PreferenceFields, type FieldValues } from "./preference-fields";

/** A date as the subscriber reads it, in their timezone: "Wednesday, 23 December 2026". */
export function formatDay(at: Date, timeZone: string): string {
  return new Intl.DateTimeFormat("en-GB", { timeZone, weekday: "long", day: "numeric", month: "long", year: "numeric" }).format(at);
}

export interface PreferenceCentreProps {
  token: string;
  csrfToken: string;
  subscriber: SubscriberRow;
  timezone: string;
  now: Date;
  values: FieldValues;
  errors?: FieldErrors;
  /** After a save: what changed (empty: nothing did). */
  changes?: PreferenceChange[];
  /** The empty-week note setting (EmptyWeekNotesField); absent: shown on. */
  emptyWeekNotes?: boolean;
  notice?: string;
  links: { unsubscribe: string; data: string };
}

function Hidden(props: { csrfToken: string; action: string }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
      <input type="hidden" name="action" value={props.action} />
    </>
  );
}

function Changes(props: { changes: PreferenceChange[] }) {
  if (props.changes.length === 0) return <p class="notice" role="status">Saved. Nothing changed.</p>;
  return (
    <div class="notice" role="status">
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

function PauseSection(props: PreferenceCentreProps) {
  const s = props.subscriber;
  if (s.status !== "confirmed") return null;
  return (
    <section id="pause" aria-labelledby="pause-heading">
      <h2 id="pause-heading">Take a break</h2>
      {isPaused(s, props.now) ? (
        <form method="post" action={`/preferences/${props.token}`}>
          <Hidden csrfToken={props.csrfToken} action="resume" />
          <p id="paused-until">Your digest is paused until {formatDay(s.pausedUntil!, props.timezone)}. It starts again by itself.</p>
          <button type="submit">Resume now</button>
        </form>
      ) : (
        <form method="post" action={`/preferences/${props.token}`}>
          <Hidden csrfToken={props.csrfToken} action="pause" />
          <p class="hint">No digests while paused; it resumes by itself, and you can resume early here.</p>
          <div class="choices">
            {PAUSE_WEEKS.map((w) => (
              <button type="submit" name="weeks" value={String(w)} class="secondary">{`Pause ${w} weeks`}</button>
            ))}
          </div>
        </form>
      )}
    </section>
  );
}

/** Inline, allowed by its hash in http/csp.ts. */
export const PREFERENCE_CENTRE_CSS = "fieldset:target{outline:3px solid #a5b4fc;outline-offset:2px}section{margin-top:1.5rem}";

/** GET|POST /preferences/:token — the preference centre: filters, schedule, pause, links out. */
export function PreferenceCentrePage(props: PreferenceCentreProps) {
  const errors = props.errors ?? {};
  const messages = Object.entries(errors);
  const status = props.subscriber.status;
  return (
    <Page title="Your subscription">
      <style>{raw(PREFERENCE_CENTRE_CSS)}</style>
      <h1>Your subscription</h1>
      {props.changes ? <Changes changes={props.changes} /> : null}
      {props.notice ? <p class="notice" role="status">{props.notice}</p> : null}
      {status === "unsubscribed" ? (
        <p class="notice">
          You're unsubscribed, so no digest is sent. <a href={props.links.unsubscribe}>Resubscribe</a>
        </p>
      ) : status === "pending" ? (
        <p class="notice">This subscription is not confirmed yet: press the button in the confirmation email to start the digest.</p>
      ) : null}
      {messages.length ? (
        <div class="error-summary" role="alert" id="errors">
          <h2>Nothing was saved. Please fix {messages.length === 1 ? "this" : "these"}:</h2>
          <ul>
            {messages.map(([field, message]) => (
              <li><a href={`#field-${field}`}>{message}</a></li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action={`/preferences/${props.token}`} novalidate>
        <Hidden csrfToken={props.csrfToken} action="save" />
        <PreferenceFields values={props.values} errors={errors} />
        <EmptyWeekNotesField on={props.emptyWeekNotes ?? true} />
        <button type="submit">Save preferences</button>
      </form>
      <PauseSection {...props} />
      <section aria-labelledby="more-heading">
        <h2 id="more-heading">Your data and leaving</h2>
        <p>
          <a href={props.links.data}>Download or delete your data</a>
          {status !== "unsubscribed" ? <> · <a href={props.links.unsubscribe}>Unsubscribe</a></> : null}
        </p>
      </section>
    </Page>
  );
}
