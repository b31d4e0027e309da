import { readdir, stat, unlink } from "node:fs/promises";
import { join } from "node:path";
import type { Sweep } from "../jobs/housekeeping";

/**
 * Removes outbox temp files (`*.tmp`) older than `maxAgeMinutes`: what a process killed between
 * writing a message's temp file and linking it leaves behind (the transport removes its own on a
 * failed write). Younger ones may belong to a write in progress and stay.
 */
export function outboxTmpSweep(dir: string, maxAgeMinutes: number): Sweep {
  return {
    name: "outboxTmpFiles",
    async run(now) {
      let names: string[];
      try {
        names = (await readdir(dir)).filter((n) => n.endsWith(".tmp"));
      } catch {
        return 0; // no outbox yet
      }
      let removed = 0;
      for (const name of names) {
        const path = join(dir, name);
        const info = await stat(path).catch(() => null);
        if (!info || now.getTime() - info.mtimeMs < maxAgeMinutes * 60_000) continue;
        if (
          await unlink(path).then(
            () => true,
            () => false,
          )
        )
          removed++;
      }
      return removed;
    },
  };
}
