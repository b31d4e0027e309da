import type { OutgoingEmail } from "../mail/mailer";

/**
 * The ledger keeps each digest's message as the provider was asked to send it, JSON compressed
 * with deflate-raw (CompressionStream: Node 20 and Workers alike): a 20-listing digest is ~50 KB
 * of HTML and text and ~6 KB stored. A retry resends exactly these bytes under the row's key.
 */
export async function packMessage(email: OutgoingEmail): Promise<Uint8Array> {
  const stream = new Blob([JSON.stringify(email)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The message packMessage stored; throws on damaged content (the caller never resends blindly). */
export async function unpackMessage(stored: Uint8Array): Promise<OutgoingEmail> {
  const stream = new Blob([new Uint8Array(stored)]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const email = JSON.parse(await new Response(stream).text()) as OutgoingEmail;
  if (typeof email?.html !== "string" || typeof email.text !== "string" || typeof email.to !== "string")
    throw new Error("stored message is incomplete");
  return email;
}
