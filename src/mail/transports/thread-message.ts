import type { OutgoingEmail } from "../mailer";

/**
 * Messages as they cross to the sending thread: every HTML and text body of a call joined into
 * one string, the rest of each message as it is.
 *
 * Why: structured cloning copies each body on its own. On this side that first flattens it (a
 * digest's body is a rope of a few hundred pieces), allocating a ~60 KB copy per body that the
 * collector then has to find dead; on the thread each body lands in the young generation and,
 * still held while the request is out, gets copied and promoted. One joined string is written
 * straight from the ropes, and both copies are large objects, which the collector never moves.
 * The thread takes each body back as a slice of it (no copy).
 */
export interface PackedEmails {
  /** The bodies, in order: html then text of each message. */
  bodies: string;
  /** Each body's length in `bodies`, in the same order. */
  lengths: number[];
  /** The messages with empty bodies. */
  messages: OutgoingEmail[];
}

export function packEmails(emails: OutgoingEmail[]): PackedEmails {
  const parts: string[] = [];
  const lengths: number[] = [];
  const messages: OutgoingEmail[] = [];
  for (const email of emails) {
    parts.push(email.html, email.text);
    lengths.push(email.html.length, email.text.length);
    messages.push({ ...email, html: "", text: "" });
  }
  return { bodies: parts.join(""), lengths, messages };
}

export function unpackEmails({ bodies, lengths, messages }: PackedEmails): OutgoingEmail[] {
  let at = 0;
  const take = (length: number) => bodies.slice(at, (at += length));
  return messages.map((message, i) => ({ ...message, html: take(lengths[2 * i]!), text: take(lengths[2 * i + 1]!) }));
}
