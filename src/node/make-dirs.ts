import { existsSync, mkdirSync, statSync } from "node:fs";
import { dirname, resolve } from "node:path";

/**
 * `mkdir -p`, one level at a time, each new level with `mode`. Node 20's
 * `mkdirSync(path, { recursive: true })` spins forever at full CPU on a path such as /proc/nope
 * (mkdir answers ENOENT although the parent exists); here the first level that cannot be made
 * throws its own error (ENOENT, EACCES, ENOTDIR), and a file in the way throws ENOTDIR.
 */
export function makeDirs(dir: string, mode: number): void {
  const missing: string[] = [];
  for (let at = resolve(dir); !existsSync(at) && dirname(at) !== at; at = dirname(at)) missing.unshift(at);
  for (const level of missing) {
    try {
      mkdirSync(level, { mode });
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err; // made meanwhile by another process
    }
  }
  if (!statSync(dir).isDirectory()) throw Object.assign(new Error(`${dir} is not a folder`), { code: "ENOTDIR" });
}
