import { CSRF_FIELD } from "../security/csrf";
import type { PreferenceLine } from "../subscribers/describe";
import { UNSUBSCRIBE_REASONS } from "../subscribers/unsubscribe";
import { Summary } from "./confirm";
import { Page } from "./layout";
import { MessagePage } from "./message";

interface FormProps {
  token: string;
  csrfToken: string;
}

function Hidden(props: { csrfToken: string; action: string }) {
  return (
    <>
      <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
      <input type="hidden" name="action" value={props.action} />
    </>
  );
}

/** GET /unsubscribe/:token — one button; the GET itself changes nothing (mail scanners follow links). */
export function UnsubscribePage(props: FormProps & { preferencesUrl: string }) {
  return (
    <Page title="Unsubscribe">
      <h1>Unsubscribe from Backend Weekly?</h1>
      <p>You'll stop getting the weekly digest straight away.</p>
      <form method="post" action={`/unsubscribe/${props.token}`}>
        <Hidden csrfToken={props.csrfToken} action="unsubscribe" />
        <p>
          <button type="submit">Unsubscribe</button>
        </p>
      </form>
      <p class="hint">
        Rather take a break? <a href={`${props.preferencesUrl}#pause`}>Pause for 2, 4 or 12 weeks</a>, or{" "}
        <a href={props.preferencesUrl}>change what you get</a>.
      </p>
    </Page>
  );
}

/** After unsubscribing (or opening the link again later): resubscribe, and an optional reason. */
export function UnsubscribedPage(props: FormProps & { dataUrl: string; reasonSaved?: boolean; reasonError?: string }) {
  return (
    <Page title="You're unsubscribed">
      <h1>You're unsubscribed</h1>
      <p class="notice" role="status">
        {props.reasonSaved ? "Thanks for telling us. " : ""}We won't send you the digest or anything else.
      </p>
      <form method="post" action={`/unsubscribe/${props.token}`}>
        <Hidden csrfToken={props.csrfToken} action="resubscribe" />
        <p>
          Changed your mind? <button type="submit" class="secondary">Resubscribe</button>
        </p>
      </form>
      {props.reasonSaved ? null : (
        <form method="post" action={`/unsubscribe/${props.token}`}>
          <Hidden csrfToken={props.csrfToken} action="reason" />
          <fieldset>
            <legend>Why did you leave? (optional)</legend>
            {props.reasonError ? <p class="field-error" role="alert">{props.reasonError}</p> : null}
            <div class="choices">
              {Object.entries(UNSUBSCRIBE_REASONS).map(([value, label]) => (
                <label>
                  <input type="radio" name="reason" value={value} /> {label}
                </label>
              ))}
            </div>
            <label for="comment">Anything else?</label>
            <input type="text" id="comment" name="comment" maxlength={500} />
          </fieldset>
          <button type="submit" class="secondary">Send</button>
        </form>
      )}
      <p>
        <a href={props.dataUrl}>Download or delete your data</a>
      </p>
    </Page>
  );
}

/** A valid link whose subscriber's data was deleted: nothing is stored, nothing will be sent. */
export function NothingStoredPage() {
  return (
    <MessagePage title="You're unsubscribed">
      <p role="status">No data about this address is stored any more, and nothing will be sent to it.</p>
      <p>
        <a href="/">Subscribe again</a>
      </p>
    </MessagePage>
  );
}

/** After "Resubscribe": the previous preferences are back. */
export function ResubscribedPage(props: { lines: PreferenceLine[]; preferencesUrl: string }) {
  return (
    <Page title="You're subscribed again">
      <h1>You're subscribed again</h1>
      <p class="notice" role="status">Welcome back. The weekly digest starts again with your previous preferences:</p>
      <Summary lines={props.lines} />
      <p>
        <a href={props.preferencesUrl}>Change these preferences</a>
      </p>
    </Page>
  );
}
