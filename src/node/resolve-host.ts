import { lookup } from "node:dns/promises";

/**
 * Every address a host name resolves to (A and AAAA, as the system resolver answers), so the
 * fetch policy can refuse a source whose name points at a private address. Node only.
 */
export async function resolveHost(hostname: string): Promise<string[]> {
  const answers = await lookup(hostname, { all: true, verbatim: true });
  return answers.map((answer) => answer.address);
}
