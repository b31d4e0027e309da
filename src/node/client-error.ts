import type { ServerType } from "@hono/node-server";
import type { Duplex } from "node:stream";

const REPLIES: Record<string, [status: string, message: string]> = {
  HPE_HEADER_OVERFLOW: ["431 Request Header Fields Too Large", "The address or headers of this request are too long."],
  HPE_URI_TOO_LONG: ["414 URI Too Long", "The address of this request is too long."],
};

/**
 * A request Node's parser refuses before the app sees it (headers over 16 KB, a broken request
 * line) got a bare status line with no body. It now gets a short plain-text reason, as every
 * other refusal does.
 */
export function answerClientErrors(server: ServerType): void {
  server.on("clientError", (err: NodeJS.ErrnoException, socket: Duplex) => {
    if (err.code === "ECONNRESET" || !socket.writable) return;
    const [status, message] = REPLIES[err.code ?? ""] ?? ["400 Bad Request", "This request could not be understood."];
    const body = `${message}\n`;
    socket.end(
      `HTTP/1.1 ${status}\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`,
    );
  });
}
