import { CSRF_FIELD } from "../security/csrf";
import { UNSUBSCRIBE_REASONS } from "../subscribers/unsubscribe";
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

/**
 * GET /unsubscribe/:token — one button; the GET itself changes nothing (mail scanners follow links).
 * This page and the ones after it link to nothing else: the unsubscribe link travels in a header
 * mail providers see, so it must not lead to the preferences or the data (issue 16.3).
 */
export function UnsubscribePage(props: FormProps) {
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
        Rather take a break? The “Change preferences” link in any digest lets you pause for 2, 4 or 12 weeks, or change
        what you get.
      </p>
    </Page>
  );
}

/** After unsubscribing (or opening the link again later): resubscribe, and an optional reason. */
export function UnsubscribedPage(
  props: FormProps & { reasonSaved?: boolean; reasonError?: string; reason?: string; comment?: string },
) {
  return (
    <Page title={`${props.reasonError ? "Error: " : ""}You're unsubscribed`}>
      <h1>You're unsubscribed</h1>
      <p class="notice" role="status">
        {props.reasonSaved ? "Thanks for telling us. " : ""}We won't send you the digest or anything else.
      </p>
      <form method="post" action={`/unsubscribe/${props.token}`}>
        <Hidden csrfToken={props.csrfToken} action="resubscribe" />
        <p>
          Changed your mind?{" "}
          <button type="submit" class="secondary">
            Resubscribe
          </button>
        </p>
      </form>
      {props.reasonSaved ? null : (
        <form method="post" action={`/unsubscribe/${props.token}`}>
          <Hidden csrfToken={props.csrfToken} action="reason" />
          <fieldset>
            <legend>Why did you leave? (optional)</legend>
            {props.reasonError ? (
              <p class="field-error" role="alert" tabindex={-1} autofocus>
                {props.reasonError}
              </p>
            ) : null}
            <div class="choices">
              {Object.entries(UNSUBSCRIBE_REASONS).map(([value, label]) => (
                <label>
                  <input type="radio" name="reason" value={value} checked={props.reason === value} /> {label}
                </label>
              ))}
            </div>
            <label for="comment">Anything else?</label>
            {/* On an error the comment comes back as typed, so nothing written is lost. */}
            <input type="text" id="comment" name="comment" maxlength={500} value={props.comment ?? ""} />
          </fieldset>
          <button type="submit" class="secondary">
            Send
          </button>
        </form>
      )}
      <p class="hint">To download or delete your data, use the “Change preferences” link in any digest.</p>
    </Page>
  );
}

/** A valid link whose subscriber's data was deleted: nothing is stored, nothing will be sent. */
export function NothingStoredPage() {
  return (
    <MessagePage title="You're unsubscribed">
      <p role="status">No data about this address is stored any more, and nothing will be sent to it.</p>
      <p>
        <a class="alone" href="/">
          Subscribe again
        </a>
      </p>
    </MessagePage>
  );
}

/** After "Resubscribe": nothing changed yet; a link went to the address (the same words whatever happened). */
export function ResubscribeRequestedPage() {
  return (
    <MessagePage title="Check your inbox">
      <p role="status">
        If this address can get the digest again, we've sent it an email. Press the button inside to start the weekly
        digest again with your previous preferences. Until then nothing changes.
      </p>
    </MessagePage>
  );
}
