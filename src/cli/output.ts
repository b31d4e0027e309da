import type { Writable } from "node:stream";

/**
 * Writes a chunk and resolves once the stream can take more: at once when its buffer has room,
 * after 'drain' otherwise. A command that awaits each line holds at most one buffer's worth of
 * output in memory, however slowly the reader at the other end of a pipe reads.
 */
export function writeOut(stream: Writable, chunk: string): Promise<void> | void {
  if (stream.write(chunk)) return;
  return new Promise<void>((resolve) => {
    const done = () => {
      stream.off("drain", done);
      stream.off("close", done);
      stream.off("error", done);
      resolve();
    };
    stream.on("drain", done);
    stream.on("close", done);
    stream.on("error", done);
  });
}

/**
 * Resolves once everything written to the stream so far has been handed to the OS. Writes to a
 * pipe are asynchronous on POSIX: a process that exits with writes still queued loses them (the
 * `listings --json | wc -l` truncation of issue 17), so the CLI waits for this before it ends.
 */
export function flushed(stream: Writable): Promise<void> {
  if (stream.destroyed || stream.writableEnded) return Promise.resolve();
  return new Promise<void>((resolve) => {
    stream.write("", () => resolve());
  });
}
