/**
 * The fake Resend in its own process, so its parsing and bookkeeping use the other core and its
 * memory is not counted against the run. Prints its URL; on "report" (stdin) prints request
 * timings and statuses as JSON. Accepted messages are counted as they come in, never kept.
 */
import { createInterface } from "node:readline";
import { startFakeResend } from "../test/support/fake-resend";

const rate = process.argv[2] ? Number(process.argv[2]) : undefined;
let accepted = 0;
const fake = await startFakeResend({ ...(rate ? { ratePerSecond: rate } : {}), onAccepted: () => accepted++ });
// The handle exposes a read-only view of the request log the fake owns; the bench empties it to keep memory flat.
const requestList = fake.requests as (typeof fake.requests)[number][];
const done: { at: number; status: number | null }[] = [];
setInterval(() => {
  const open = requestList.filter((r) => r.status === null);
  for (const r of requestList) if (r.status !== null) done.push({ at: r.at, status: r.status });
  requestList.length = 0;
  requestList.push(...open);
}, 100).unref();
// CPU counted from here: the start-up (loading the TypeScript, ~350 ms) is not the fake's work per email.
const cpuAtListen = process.cpuUsage();
console.log(JSON.stringify({ url: fake.url }));
for await (const line of createInterface({ input: process.stdin })) {
  if (line === "report") {
    await new Promise((r) => setTimeout(r, 250));
    const cpu = process.cpuUsage(cpuAtListen);
    console.log(JSON.stringify({ accepted, requests: done, cpuMs: (cpu.user + cpu.system) / 1000 }));
  }
  if (line === "quit") break;
}
await fake.close();
process.exit(0);
