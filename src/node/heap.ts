import { setFlagsFromString } from "node:v8";

/**
 * Lets V8's heap grow by 50% over what is live after a full collection instead of its default
 * (up to 4x for a busy process). The weekly run allocates fast but keeps little (~60 MB live at
 * 100,000 subscribers): by default V8 lets the garbage pile up to ~500 MB before collecting it;
 * with this, peak memory stays near the live size and, measured, the run is faster too (fresh
 * memory is not faulted in). See README "Performance". Imported first by every Node entry point.
 */
setFlagsFromString("--heap-growing-percent=50");

/**
 * What V8 reads only when the process starts, so Node entry commands pass it themselves
 * (package.json's start and cli scripts, bin/backend-weekly.js, the bench's run processes): a
 * young generation of 2 × 32 MB instead of 2 × 16 MB. A batch of 100 digests allocates ~10 MB
 * (bodies, ledger JSON) that dies with the batch; with the default, much of it was still alive
 * at a scavenge and got copied, promoted, then marked. Measured at 25,000 subscribers: 17.4–17.6 s
 * of CPU instead of 19.1–21.5 s, for ~45 MB more resident memory (bench, two runs each).
 */
export const START_FLAGS = ["--max-semi-space-size=32"] as const;
