import { createAdaptorServer, type ServerType } from "@hono/node-server";
import type { Config } from "../config";
import { refuseStart } from "./startup-checks";

/**
 * Starts listening on HOST:PORT and resolves once the socket is bound. A port already in use or
 * a HOST this machine cannot listen on rejects with a ConfigError naming the variable: the
 * server's 'error' event used to go unhandled and end `npm start` with a raw stack trace.
 */
export function listen(
  fetch: (request: Request) => Response | Promise<Response>,
  config: Pick<Config, "host" | "port">,
): Promise<ServerType> {
  const server = createAdaptorServer({ fetch });
  return new Promise((resolve, reject) => {
    const refuse = (err: NodeJS.ErrnoException) => reject(listenRefusal(err, config));
    server.once("error", refuse);
    server.listen(config.port, config.host, () => {
      server.off("error", refuse);
      resolve(server);
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
