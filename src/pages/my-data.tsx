import { CSRF_FIELD } from "../security/csrf";
import { Page } from "./layout";
import { MessagePage } from "./message";

/** GET /my-data/:token — download everything stored (JSON), or go on to delete it. */
export function MyDataPage(props: { token: string; preferencesUrl: string }) {
  return (
    <Page title="Your data">
      <h1>Your data</h1>
      <p>
        We store your address, your preferences, when you subscribed, and which listings we mailed you when. Nothing
        else: no tracking of opens or clicks.
      </p>
      <p>
        <a class="button" href={`/my-data/download/${props.token}`} download="backend-weekly-my-data.json">
          Download my data (JSON)
        </a>
      </p>
      <h2>Delete it</h2>
      <p>Deleting unsubscribes you and removes everything above. It cannot be undone.</p>
      <p>
        <a class="alone" href={`/my-data/delete/${props.token}`}>
          Delete my data…
        </a>
      </p>
      <p>
        <a class="alone" href={props.preferencesUrl}>
          Back to your preferences
        </a>
      </p>
    </Page>
  );
}

/** GET /my-data/delete/:token — the confirmation step; only the POST deletes. */
export function ConfirmDeletePage(props: { token: string; csrfToken: string; preferencesUrl: string }) {
  return (
    <Page title="Delete your data?">
      <h1>Delete all your data?</h1>
      <p>
        This unsubscribes you and deletes your address, preferences and delivery history for good. If mail to your
        address bounced or was reported as spam, we keep only a one-way hash of it, so that it is never mailed again.
      </p>
      <form method="post" action={`/my-data/delete/${props.token}`}>
        <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
        <input type="hidden" name="confirm" value="yes" />
        <p>
          <button type="submit">Yes, delete everything</button>
        </p>
      </form>
      <p>
        <a class="alone" href={props.preferencesUrl}>
          No, keep my subscription
        </a>
      </p>
    </Page>
  );
}

export function DataDeletedPage() {
  return (
    <MessagePage title="Your data was deleted">
      <p role="status">Everything we stored about you is gone, and nothing more will be sent to you.</p>
      <p>
        <a class="alone" href="/">
          Subscribe again
        </a>
      </p>
    </MessagePage>
  );
}
