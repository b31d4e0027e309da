import { raw } from "hono/html";
import type { EmployerType } from "../domain/facets";
import { CSRF_FIELD } from "../security/csrf";
import { DEFAULT_PREFERENCES, preferencesToFields, type FieldErrors } from "../subscribers/preferences";
import { errorAnchor } from "./form-controls";
import { FORM_CSS, FORM_SCRIPT } from "./form-script";
import type { FormStatics } from "./form-statics";
import { Page } from "./layout";
import { MainFilters, MoreFilters, SubmitBar, type FieldsContext, type FieldValues } from "./preference-fields";

export interface SubscribePageProps {
  csrfToken: string;
  statics: FormStatics;
  now: Date;
  employerTypes: readonly EmployerType[];
  operator: { name: string; contact: string };
  values?: FieldValues;
  errors?: FieldErrors;
  /** The count for these filters, when the server worked it out (no-JS "count" button, a re-render). */
  count?: { count: number; empty: { message: string } | null };
  /** A likely typo in the address's domain: what was typed and what was probably meant. */
  suggestion?: { typed: string; suggested: string };
  /** A message about the whole form (too many attempts), shown with the values kept. */
  problem?: string;
  /** The page answers the no-JavaScript "Count matches" button. */
  countAsked?: boolean;
}

function ErrorSummary(props: { errors: FieldErrors; problem?: string }) {
  const messages = Object.entries(props.errors);
  if (!messages.length && !props.problem) return null;
  return (
    // Focused by FORM_SCRIPT (and autofocus without it) so a screen reader starts here (issue 18.8).
    <div class="error-summary" role="alert" tabindex={-1} id="errors" autofocus>
      <h2>{props.problem ? "Not sent yet" : `Please fix ${messages.length === 1 ? "this" : "these"}:`}</h2>
      {props.problem ? <p>{props.problem}</p> : null}
      {messages.length ? (
        <ul>
          {messages.map(([field, message]) => (
            <li>
              <a href={errorAnchor(field)}>{message}</a>
            </li>
          ))}
        </ul>
      ) : null}
    </div>
  );
}

/**
 * "Did you mean …?" (issue 18.4): two buttons of the same form, so every filter is kept either way.
 * It takes the focus as the error summary does (autofocus, and FORM_SCRIPT): a page that reloads
 * with the question at its top and the focus nowhere told a screen reader nothing had happened.
 */
function Suggestion(props: { typed: string; suggested: string }) {
  return (
    <div class="suggestion" id="email-suggestion" role="alert" tabindex={-1} autofocus>
      <p>
        Did you mean <strong>{props.suggested}</strong>?
      </p>
      <input type="hidden" name="typedEmail" value={props.typed} />
      <div class="actions">
        <button type="submit" name="useEmail" value={props.suggested}>
          Use {props.suggested}
        </button>
        <button type="submit" name="keepEmail" value={props.typed} class="secondary">
          No, {props.typed} is right
        </button>
      </div>
    </div>
  );
}

/** GET / : the subscribe form, re-rendered with messages and the values kept on a bad submit. */
export function SubscribePage(props: SubscribePageProps) {
  // A fresh form shows the documented defaults (Monday 08:00, 20 listings…), not the first option of each list.
  const values: FieldValues = props.values ?? preferencesToFields(DEFAULT_PREFERENCES);
  const errors = props.errors ?? {};
  const ctx: FieldsContext = {
    values,
    errors,
    statics: props.statics,
    now: props.now,
    employerTypes: props.employerTypes,
  };
  const emailError = errors.email;
  return (
    // A form sent back says so in the tab's title too: it is what a screen reader announces first (WCAG 2.4.2).
    <Page title={`${titlePrefix(props)}Remote backend jobs, once a week`} script={FORM_SCRIPT}>
      <style>{raw(FORM_CSS)}</style>
      <h1>Remote backend jobs, once a week</h1>
      <p class="lead">New roles that fit you, one email a week. No account; leave in one click.</p>
      <ErrorSummary errors={errors} problem={props.problem} />
      <form method="post" action="/subscribe" novalidate data-live-count data-detect-timezone>
        <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
        <label for="email">Email address</label>
        <FieldErrorLine error={emailError} />
        <input
          type="email"
          id="email"
          name="email"
          required
          maxlength={254}
          autocomplete="email"
          value={String(values.email ?? "")}
          aria-invalid={emailError ? "true" : undefined}
          aria-describedby={emailError ? "email-error" : undefined}
        />
        {props.suggestion ? <Suggestion {...props.suggestion} /> : null}
        <div class="visually-hidden" aria-hidden="true">
          <label for="website">Leave this empty</label>
          <input type="text" id="website" name="website" tabindex={-1} autocomplete="off" />
        </div>
        <MainFilters ctx={ctx} />
        <MoreFilters ctx={ctx} />
        <SubmitBar
          label="Subscribe"
          countAction={{ name: "intent", value: "count" }}
          count={props.count}
          countAsked={props.countAsked}
        />
      </form>
      <div class="about">
        <p>
          <a href="/sample">See a sample digest</a> made from this week's listings. Defaults: every remote backend role,
          Mondays at 08:00.
        </p>
        <p>
          Run by {props.operator.name} ({props.operator.contact}). Privacy: we keep your address and filters only to
          send this digest, never share them, and you can download or delete them from any email.
        </p>
      </div>
    </Page>
  );
}

/** What the title says first when the form came back: an error to fix, or an address to check. */
function titlePrefix(props: SubscribePageProps): string {
  if (Object.keys(props.errors ?? {}).length || props.problem) return "Error: ";
  return props.suggestion ? "Check your address: " : "";
}

function FieldErrorLine(props: { error?: string }) {
  return props.error ? (
    <p class="field-error" id="email-error">
      {props.error}
    </p>
  ) : null;
}
