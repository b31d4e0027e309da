import { closeSync, openSync, readSync } from "node:fs";
import { open } from "node:fs/promises";

/** A file that goes on past the most we read of it: a wrong path, a device, a file far too big. */
export class FileTooLargeError extends Error {
  override name = "FileTooLargeError";
  constructor(
    readonly path: string,
    readonly maxBytes: number,
  ) {
    super(`${path} goes on past ${Math.round(maxBytes / 1024 / 1024)} MB (is it the right file?)`);
  }
}

const CHUNK = 1024 * 1024;

/**
 * Reads a whole file, stopping with FileTooLargeError past `maxBytes`. `readFile` reads until the
 * end whatever it takes: `/dev/zero` or `/dev/urandom` named by mistake (or a multi-gigabyte
 * file) hung the command while its memory grew. Errors opening or reading are the system's.
 */
export async function readFileWithin(path: string, maxBytes: number): Promise<Buffer> {
  const file = await open(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const { bytesRead } = await file.read(buffer, 0, buffer.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(path, maxBytes);
      chunks.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    await file.close();
  }
}

/** readFileWithin for start-up, which checks synchronously. */
export function readFileWithinSync(path: string, maxBytes: number): Buffer {
  const fd = openSync(path, "r");
  try {
    const chunks: Buffer[] = [];
    let total = 0;
    for (;;) {
      const buffer = Buffer.allocUnsafe(Math.min(CHUNK, maxBytes + 1 - total));
      const bytesRead = readSync(fd, buffer, 0, buffer.length, null);
      if (bytesRead === 0) return Buffer.concat(chunks, total);
      total += bytesRead;
      if (total > maxBytes) throw new FileTooLargeError(path, maxBytes);
      chunks.push(buffer.subarray(0, bytesRead));
    }
  } finally {
    closeSync(fd);
  }
}
