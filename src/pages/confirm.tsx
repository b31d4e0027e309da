import { CSRF_FIELD } from "../security/csrf";
import type { PreferenceLine } from "../subscribers/describe";
import { Page } from "./layout";

export function Summary(props: { lines: PreferenceLine[] }) {
  return (
    <dl class="summary">
      {props.lines.map((l) => (
        <>
          <dt>{l.label}</dt>
          <dd>{l.value}</dd>
        </>
      ))}
    </dl>
  );
}

/** GET /confirm/:token — shows a button; only the POST confirms (mail scanners follow links). */
export function ConfirmPage(props: { token: string; csrfToken: string; lines: PreferenceLine[] }) {
  return (
    <Page title="Confirm your subscription">
      <h1>Confirm your subscription</h1>
      <p>One more click and you'll get one email a week with new remote backend roles matching:</p>
      <Summary lines={props.lines} />
      <form method="post" action={`/confirm/${props.token}`}>
        <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
        <p>
          <button type="submit">Confirm my subscription</button>
        </p>
      </form>
    </Page>
  );
}

/** After POST /confirm/:token: what they subscribed to and when the first digest comes. */
export function ConfirmedPage(props: { lines: PreferenceLine[]; firstDigest: string; preferencesUrl: string; alreadyConfirmed: boolean }) {
  return (
    <Page title="You're subscribed">
      <h1>You're subscribed</h1>
      <p class="notice" role="status">
        {props.alreadyConfirmed
          ? "Your subscription was already confirmed: nothing more to do."
          : `Thanks! Your subscription is confirmed and a welcome email is on its way. Your first digest arrives ${props.firstDigest}.`}
      </p>
      <h2>You'll get</h2>
      <Summary lines={props.lines} />
      <p>
        <a href={props.preferencesUrl}>Change these preferences</a>
      </p>
    </Page>
  );
}

/** After POST /subscribe, whatever the address's state (no enumeration). */
export function CheckInboxPage() {
  return (
    <Page title="Check your inbox">
      <h1>Check your inbox</h1>
      <p class="notice" role="status">
        We've sent an email to the address you entered. Open it and press the button inside to confirm. Nothing else will
        be sent until you do.
      </p>
      <p>Didn't get it after a few minutes? Check your spam folder, or subscribe again.</p>
    </Page>
  );
}
