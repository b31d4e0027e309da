import type { OutgoingEmail } from "../mail/mailer";

/**
 * Turns a message into the bytes the ledger keeps (a retry resends them): its JSON, deflate-raw
 * compressed (~40 KB to ~5 KB for 20 listings). Passed in through Deps: Node packs with zlib.
 */
export type MessagePacker = (email: OutgoingEmail) => Promise<Uint8Array>;

/** The portable packer (Workers, and wherever none is passed in): CompressionStream, ~0.75 ms a digest on Node. */
export async function packMessage(email: OutgoingEmail): Promise<Uint8Array> {
  const stream = new Blob([JSON.stringify(email)]).stream().pipeThrough(new CompressionStream("deflate-raw"));
  return new Uint8Array(await new Response(stream).arrayBuffer());
}

/** The message any packer stored; throws on damaged content (the caller never resends blindly). */
export async function unpackMessage(stored: Uint8Array): Promise<OutgoingEmail> {
  const stream = new Blob([new Uint8Array(stored)]).stream().pipeThrough(new DecompressionStream("deflate-raw"));
  const email = JSON.parse(await new Response(stream).text()) as OutgoingEmail;
  if (typeof email?.html !== "string" || typeof email.text !== "string" || typeof email.to !== "string")
    throw new Error("stored message is incomplete");
  return email;
}
