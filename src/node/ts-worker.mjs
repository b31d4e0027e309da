// Starts a worker thread on a TypeScript module (workerData.entry, a file URL). Node does not
// carry tsx's loader into worker threads, whether the parent ran under `tsx`, `node --import tsx`
// or Vitest, so the worker registers it itself before importing its entry.
import { workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
await import(workerData.entry);
