import type { OutboxMessage } from "../mail/outbox-store";
import { Page } from "./layout";

const recipients = (to: string | string[]) => (Array.isArray(to) ? to.join(", ") : to);

/** The plain-text part with its URLs clickable (text stays escaped; only http(s) links become anchors). */
function linkify(text: string) {
  return text.split(/(https?:\/\/[^\s<>"]+)/g).map((part, i) => (i % 2 === 1 ? <a href={part}>{part}</a> : part));
}

/** GET /dev/outbox — what would have been sent, newest first (development only). */
export function OutboxListPage(props: { messages: OutboxMessage[] }) {
  return (
    <Page title="Outbox">
      <h1>Outbox</h1>
      <p class="hint">Mail goes here because RESEND_API_KEY is not set. Newest first.</p>
      {props.messages.length === 0 ? (
        <p>
          No messages yet. Subscribe on the <a href="/">home page</a> to see one arrive.
        </p>
      ) : (
        // On a phone the three columns stack into one block per message (see .outbox in layout.tsx).
        <table class="outbox">
          <thead>
            <tr>
              <th>When</th>
              <th>To</th>
              <th>Subject</th>
            </tr>
          </thead>
          <tbody>
            {props.messages.map((m) => (
              <tr>
                <td>{m.createdAt.replace("T", " ").slice(0, 19)}</td>
                <td>{recipients(m.to)}</td>
                <td>
                  <a href={`/dev/outbox/${m.id}`}>{m.subject}</a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </Page>
  );
}

/** One message: headers, the HTML part in a sandboxed frame (no scripts), and the text part. */
export function OutboxMessagePage(props: { message: OutboxMessage }) {
  const m = props.message;
  return (
    <Page title={m.subject}>
      <p>
        <a class="alone" href="/dev/outbox">
          ← Outbox
        </a>
      </p>
      <h1>{m.subject}</h1>
      <dl class="summary" style="overflow-wrap:anywhere">
        <dt>From</dt>
        <dd>{m.from}</dd>
        <dt>To</dt>
        <dd>{recipients(m.to)}</dd>
        <dt>Sent</dt>
        <dd>{m.createdAt}</dd>
        {Object.entries(m.headers).map(([k, v]) => (
          <>
            <dt>{k}</dt>
            <dd>{v}</dd>
          </>
        ))}
      </dl>
      <h2>HTML</h2>
      <p>
        <a href={`/dev/outbox/${m.id}/html`}>Open the email on a page of its own</a> (as a phone's mail app shows it)
      </p>
      {/* No scripts, no same-origin access; links may open in a new tab, outside the sandbox, so they work. */}
      <iframe
        title="HTML part"
        sandbox="allow-popups allow-popups-to-escape-sandbox"
        srcdoc={m.html}
        style="width:100%;height:80vh;border:1px solid #e5e7eb;border-radius:8px"
      ></iframe>
      <h2>Plain text</h2>
      <pre style="white-space:pre-wrap;overflow-wrap:anywhere;background:#f9fafb;padding:1rem;border-radius:8px">
        {linkify(m.text)}
      </pre>
    </Page>
  );
}
