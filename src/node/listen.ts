import { getRequestListener, type HttpBindings, type ServerType } from "@hono/node-server";
import { createServer } from "node:http";
import type { Config } from "../config";
import { unreadableAddress } from "./client-error";
import { refuseStart } from "./startup-checks";

type Fetch = (request: Request, env: HttpBindings) => Response | Promise<Response>;

/** A server already listening on HOST:PORT, whose app is handed over once start-up has built it. */
export interface BoundServer {
  server: ServerType;
  /** Starts answering with `fetch`; requests that arrived before it wait for it. */
  serve(fetch: Fetch): void;
}

/**
 * Binds HOST:PORT before start-up touches anything (database, token secret, outbox, demo
 * listings), so a busy port or a HOST this machine cannot listen on is refused with nothing
 * written: the bind used to come last and left a seeded database behind a refusal. A port
 * already in use or a bad HOST rejects with a ConfigError naming the variable (no stack trace).
 */
export function bindServer(config: Pick<Config, "host" | "port">): Promise<BoundServer> {
  let handOver!: (fetch: Fetch) => void;
  const app = new Promise<Fetch>((resolve) => (handOver = resolve));
  // Until the app is ready a request waits for it; then every request goes straight to it.
  let current: Fetch = async (request, env) => (await app)(request, env);
  // The adapter calls errorHandler synchronously when it cannot build the Request (a RequestError),
  // before any other request can start, so `target` is still this request's. A failure after that
  // cannot happen (the app answers every error itself), and would get the adapter's usual 500.
  let target = "";
  const listener = getRequestListener((request, env) => current(request, env as HttpBindings), {
    errorHandler: (err) =>
      err instanceof Error && err.name === "RequestError"
        ? unreadableAddress(target)
        : new Response(null, { status: 500 }),
  });
  const server: ServerType = createServer((incoming, outgoing) => {
    target = incoming.url ?? "";
    void listener(incoming, outgoing);
  });
  return new Promise((resolve, reject) => {
    const refuse = (err: NodeJS.ErrnoException) => reject(listenRefusal(err, config));
    server.once("error", refuse);
    server.listen(config.port, config.host, () => {
      server.off("error", refuse);
      resolve({
        server,
        serve(fetch) {
          current = fetch;
          handOver(fetch);
        },
      });
    });
  });
}

function listenRefusal(err: NodeJS.ErrnoException, { host, port }: Pick<Config, "host" | "port">): Error {
  const otherHost = "set HOST to one of its addresses, or 127.0.0.1 (this machine only) or 0.0.0.0 (every interface)";
  switch (err.code) {
    case "EADDRINUSE":
      return refuseStart("PORT", `${port} is already in use: stop what uses it or set PORT to a free port.`);
    case "EACCES":
      return refuseStart("PORT", `${port} needs privileges this process lacks: set PORT to 1024 or above.`);
    case "ENOTFOUND":
    case "EAI_AGAIN":
    case "EAI_NONAME":
      return refuseStart(
        "HOST",
        `${host} is not an address of this machine (the name does not resolve): ${otherHost}.`,
      );
    case "EADDRNOTAVAIL":
      return refuseStart("HOST", `${host} is not an address of this machine: ${otherHost}.`);
    default:
      return refuseStart("PORT", `cannot listen on ${host} port ${port} (${err.code ?? err.message}).`);
  }
}
