import { CSRF_FIELD } from "../security/csrf";
import { DEFAULT_PREFERENCES, preferencesToFields, type FieldErrors } from "../subscribers/preferences";
import { Page } from "./layout";
import { DETECT_TIMEZONE_SCRIPT, PreferenceFields, type FieldValues } from "./preference-fields";

/** GET / : the subscribe form, re-rendered with messages and the values kept on a bad submit. */
export function SubscribePage(props: { csrfToken: string; values?: FieldValues; errors?: FieldErrors }) {
  // A fresh form shows the documented defaults (Monday 08:00, 20 listings…), not the first option of each list.
  const values: FieldValues = props.values ?? preferencesToFields(DEFAULT_PREFERENCES);
  const errors = props.errors ?? {};
  const messages = Object.entries(errors);
  return (
    <Page title="Remote backend jobs, once a week" script={DETECT_TIMEZONE_SCRIPT}>
      <h1>Remote backend jobs, once a week</h1>
      <p>
        New, verified, remote backend roles that match what you ask for, in one email on the day and hour you choose.
        No account: every email has links to change your filters, pause or unsubscribe.
      </p>
      {messages.length ? (
        <div class="error-summary" role="alert" tabindex={-1} id="errors">
          <h2>Please fix {messages.length === 1 ? "this" : "these"}:</h2>
          <ul>
            {messages.map(([field, message]) => (
              <li>
                <a href={field === "email" ? "#email" : `#field-${field}`}>{message}</a>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <form method="post" action="/subscribe" novalidate>
        <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
        <label for="email">Email address</label>
        {errors.email ? (
          <p class="field-error" id="email-error">
            {errors.email}
          </p>
        ) : null}
        <input type="email" id="email" name="email" required maxlength={254} autocomplete="email" value={String(values.email ?? "")}
          aria-invalid={errors.email ? "true" : undefined} aria-describedby={errors.email ? "email-error" : undefined} />
        <div class="visually-hidden" aria-hidden="true">
          <label for="website">Leave this empty</label>
          <input type="text" id="website" name="website" tabindex={-1} autocomplete="off" />
        </div>
        <h2>What are you looking for?</h2>
        <p class="hint">Everything below is optional: the defaults send every remote backend role, Mondays at 08:00.</p>
        <PreferenceFields values={values} errors={errors} />
        <button type="submit">Subscribe</button>
      </form>
    </Page>
  );
}
