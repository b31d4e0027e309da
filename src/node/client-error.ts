import type { ServerType } from "@hono/node-server";
import type { Duplex } from "node:stream";
import { isJsonPath } from "../http/on-error";

const REPLIES: Record<string, [status: string, code: string, message: string]> = {
  HPE_HEADER_OVERFLOW: [
    "431 Request Header Fields Too Large",
    "HEADERS_TOO_LARGE",
    "The address or headers of this request are too long.",
  ],
  HPE_URI_TOO_LONG: ["414 URI Too Long", "URI_TOO_LONG", "The address of this request is too long."],
};
const BAD_REQUEST: [string, string, string] = [
  "400 Bad Request",
  "BAD_REQUEST",
  "This request could not be understood.",
];

/** The path of the request line Node's parser stopped in, when there is one to read. */
function requestPath(raw: Buffer | undefined): string {
  const line = raw?.subarray(0, 2048).toString("latin1").split("\r\n", 1)[0] ?? "";
  return line.split(" ")[1]?.split("?")[0] ?? "";
}

/** A refusal in the shape the path speaks: the JSON error on the JSON APIs' paths, a plain-text sentence elsewhere. */
export function refusal(path: string, code: string, message: string): { body: string; type: string } {
  const json = isJsonPath(path);
  return {
    body: json ? JSON.stringify({ error: { code, message } }) : `${message}\n`,
    type: json ? "application/json" : "text/plain; charset=utf-8",
  };
}

/**
 * A request whose address cannot be made into a URL (a backslash in its path, `OPTIONS *`, a Host
 * header that names no host, HTTP/1.0 without one) passes Node's parser but never reaches the app:
 * Hono's Node adapter answered a bare 400 with no body. It gets a sentence too.
 */
export function unreadableAddress(target: string): Response {
  const { body, type } = refusal(
    target.split("?")[0] ?? "",
    "BAD_REQUEST",
    "The address of this request could not be read: check its path and its Host header.",
  );
  return new Response(body, { status: 400, headers: { "Content-Type": type, "X-Content-Type-Options": "nosniff" } });
}

/**
 * A request Node's parser refuses before the app sees it (headers over 16 KB, a broken request
 * line) got a bare status line with no body. It now gets a short reason, as every other refusal
 * does: the JSON error shape on the JSON APIs' paths, a plain-text sentence elsewhere.
 */
export function answerClientErrors(server: ServerType): void {
  server.on("clientError", (err: NodeJS.ErrnoException & { rawPacket?: Buffer }, socket: Duplex) => {
    if (err.code === "ECONNRESET" || !socket.writable) return;
    const [status, code, message] = REPLIES[err.code ?? ""] ?? BAD_REQUEST;
    const { body, type } = refusal(requestPath(err.rawPacket), code, message);
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: ${type}\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
