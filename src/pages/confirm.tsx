import { CSRF_FIELD } from "../security/csrf";
import type { PreferenceLine } from "../subscribers/describe";
import { Page } from "./layout";
import { MessagePage } from "./message";

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
export function ConfirmPage(props: { token: string; csrfToken: string; lines: PreferenceLine[]; email: string }) {
  return (
    <Page title="Confirm your subscription">
      <h1>Confirm your subscription</h1>
      <p>
        One more click and <strong>{props.email}</strong> gets one email a week with new remote backend roles matching:
      </p>
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
export function ConfirmedPage(props: {
  lines: PreferenceLine[];
  /** "Your first (or next) digest arrives …", from firstDigestFor. */
  firstDigest: string;
  preferencesUrl: string;
  alreadyConfirmed: boolean;
  email: string;
}) {
  return (
    <Page title="You're subscribed">
      <h1>You're subscribed</h1>
      <p class="notice" role="status">
        {props.alreadyConfirmed
          ? "Your subscription was already confirmed: nothing more to do."
          : `Thanks! Your subscription is confirmed and a welcome email is on its way. ${props.firstDigest}.`}
      </p>
      <p>
        Digests go to <strong id="subscriber-email">{props.email}</strong>.
      </p>
      <h2>You'll get</h2>
      <Summary lines={props.lines} />
      <p>
        <a class="alone" href={props.preferencesUrl}>
          Change these preferences
        </a>
      </p>
    </Page>
  );
}

/**
 * After POST /subscribe, whatever the address's state (no enumeration): the address as typed
 * (the person's own input, nothing looked up) so a typo shows, and how many listings match.
 */
export function CheckInboxPage(props: {
  email: string;
  matchCount?: string;
  /** Why the filters match nothing this week, when they don't (the form's own warning). */
  emptyWarning?: string | null;
  csrfToken: string;
  /** The filters just sent, carried by the "wrong address?" form so correcting it keeps them. */
  values: Record<string, string | string[] | undefined>;
}) {
  const kept = Object.entries(props.values).flatMap(([name, v]) =>
    name === "email" || v === undefined ? [] : (Array.isArray(v) ? v : [v]).map((value) => ({ name, value })),
  );
  return (
    <Page title="Check your inbox">
      <h1>Check your inbox</h1>
      <p class="notice" role="status">
        We've sent an email to <strong id="subscriber-email">{props.email}</strong>. Open it and press the button inside
        to confirm. Nothing else will be sent until you do.
      </p>
      {props.matchCount ? <p id="match-count">{props.matchCount}</p> : null}
      {props.emptyWarning ? <p id="match-empty">{props.emptyWarning}</p> : null}
      <p>Didn't get it after a few minutes? Check your spam folder.</p>
      <form method="post" action="/subscribe">
        <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
        {kept.map((k) => (
          <input type="hidden" name={k.name} value={k.value} />
        ))}
        <p>
          <label for="corrected-email">Wrong address? Correct it and send again, with the same filters:</label>
          <input id="corrected-email" type="email" name="email" autocomplete="email" required value={props.email} />
        </p>
        <p>
          <button type="submit">Send to this address</button> or <a href="/">start again</a>
        </p>
      </form>
    </Page>
  );
}

/** GET /subscribe/choices/:token — the mailed request's choices and one button; the GET changes nothing. */
export function NewChoicesPage(props: {
  token: string;
  csrfToken: string;
  lines: PreferenceLine[];
  subscribes: boolean;
}) {
  const title = props.subscribes ? "Confirm your subscription" : "Use your new choices?";
  return (
    <Page title={title}>
      <h1>{title}</h1>
      <p>
        {props.subscribes
          ? "One more click and you'll get one email a week with new remote backend roles matching:"
          : "Press the button to use these filters instead of your current ones:"}
      </p>
      <Summary lines={props.lines} />
      <form method="post" action={`/subscribe/choices/${props.token}`}>
        <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
        <p>
          <button type="submit">{props.subscribes ? "Confirm with these choices" : "Use these choices"}</button>
        </p>
      </form>
    </Page>
  );
}

/** After POST /subscribe/choices/:token. */
export function NewChoicesAppliedPage(props: {
  lines: PreferenceLine[];
  /** "Your first (or next) digest arrives …", from firstDigestFor. */
  firstDigest: string;
  preferencesUrl: string;
  newlyConfirmed: boolean;
}) {
  const title = props.newlyConfirmed ? "You're subscribed" : "Your new choices are saved";
  return (
    <Page title={title}>
      <h1>{title}</h1>
      {props.newlyConfirmed ? (
        <p class="notice" role="status">
          Thanks! Your subscription is confirmed and a welcome email is on its way. {props.firstDigest}.
        </p>
      ) : null}
      <h2>You'll get</h2>
      <Summary lines={props.lines} />
      <p>
        <a class="alone" href={props.preferencesUrl}>
          Change these preferences
        </a>
      </p>
    </Page>
  );
}

/** A confirmation link older than 7 days: offers a new one by POST, without showing the address. */
export function ConfirmExpiredPage(props: { token: string; csrfToken: string }) {
  return (
    <Page title="This link has expired">
      <h1>This link has expired</h1>
      <p>Confirmation links work for 7 days. We can send a new one to the address you subscribed with.</p>
      <form method="post" action={`/confirm/${props.token}`}>
        <input type="hidden" name={CSRF_FIELD} value={props.csrfToken} />
        <input type="hidden" name="action" value="resend" />
        <p>
          <button type="submit">Send me a new link</button>
        </p>
      </form>
    </Page>
  );
}

/** After asking for a new confirmation link. */
export function ConfirmationResentPage() {
  return (
    <Page title="Check your inbox">
      <h1>Check your inbox</h1>
      <p class="notice" role="status">
        If this subscription still waits for confirmation, a new link is on its way. It works for 7 days.
      </p>
    </Page>
  );
}

/** GET /confirm/:token for an address that has since unsubscribed: what happened, and the way back. */
export function UnsubscribedPage(props: { email: string }) {
  return (
    <MessagePage title="You unsubscribed">
      <p>
        <strong>{props.email}</strong> unsubscribed from Backend Weekly after this link was sent, so it no longer
        confirms anything and no digest is sent.
      </p>
      <p>
        <a href="/">Subscribe again</a>: we mail a new confirmation link, and nothing starts until you click it.
      </p>
    </MessagePage>
  );
}
