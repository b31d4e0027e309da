import { createServer, type IncomingHttpHeaders, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface SourceResponse {
  status?: number;
  body?: string;
  headers?: Record<string, string>;
  /** Destroy the connection instead of answering (a network failure). */
  drop?: boolean;
  /** Answer only after this long (longer than a client's timeout: a source that hangs). */
  delayMs?: number;
  /** Write the answer itself (an endless or compressed stream), instead of status/headers/body. */
  stream?: (res: ServerResponse) => void;
}

/**
 * A job source on loopback: each path answers whatever the test last set for it (a function
 * sees the request headers, for conditional requests). Records every request.
 */
export async function startSourceServer() {
  const routes = new Map<string, SourceResponse | ((headers: IncomingHttpHeaders) => SourceResponse)>();
  const requests: { path: string; headers: IncomingHttpHeaders }[] = [];
  const timers = new Set<NodeJS.Timeout>();
  const server = createServer((req, res) => {
    const path = req.url ?? "/";
    requests.push({ path, headers: req.headers });
    const route = routes.get(path);
    const answer = typeof route === "function" ? route(req.headers) : (route ?? { status: 404, body: "not found" });
    if (answer.drop) return void req.socket.destroy();
    if (answer.stream) return answer.stream(res);
    const reply = () => {
      if (res.destroyed) return;
      res.writeHead(answer.status ?? 200, answer.headers ?? { "content-type": "application/json" });
      res.end(answer.body ?? "");
    };
    if (!answer.delayMs) return reply();
    const timer = setTimeout(() => (timers.delete(timer), reply()), answer.delayMs);
    timers.add(timer);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    requests,
    set(path: string, response: SourceResponse | ((headers: IncomingHttpHeaders) => SourceResponse)) {
      routes.set(path, response);
    },
    close: () => {
      for (const timer of timers) clearTimeout(timer);
      server.closeAllConnections();
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
