import type { Deps } from "../deps";
import { FileTooLargeError, readFileWithin } from "../node/read-within";
import type { Database } from "../../db/client";

export type CliDeps = Deps & { database: Database };

export interface CliContext {
  deps: CliDeps;
  /** Positional arguments after the command words. */
  args: string[];
  flags: Record<string, string | boolean | undefined>;
  /** Writes a line to stdout; await it in long loops so a slow pipe reader holds back the writer. */
  out: (line: string) => Promise<void> | unknown;
  /** Progress for people at a terminal: written to stderr, only when it is a TTY. */
  progress: (line: string) => void;
}

export interface Command {
  /** e.g. "migrate" or "digest run". */
  name: string;
  usage: string;
  summary: string;
  /** What the positional arguments are (["FILE"]); any argument past these is a usage error. */
  positionals?: string[];
  /** Flags taking a value (--now ISO); an empty value is a usage error. */
  valueFlags?: string[];
  /** Switches (--json). Any flag not declared here or in valueFlags is a usage error. */
  booleanFlags?: string[];
  run(ctx: CliContext): Promise<number | void>;
}

/** A usage mistake: printed with the command's usage, exit code 2. */
export class UsageError extends Error {
  override name = "UsageError";
}

/** A command that cannot do its job for a reason the operator can fix: printed as is (one line), exit code 1. */
export class CommandError extends Error {
  override name = "CommandError";
}

const WRITE_REASONS: Record<string, string> = {
  ENOENT: "the folder does not exist",
  ENOTDIR: "part of the path is not a folder",
  EISDIR: "it is a folder",
  EACCES: "permission denied",
  EPERM: "permission denied",
  EROFS: "the file system is read-only",
  ENOSPC: "the disk is full",
};

// Reading fails for the same reasons as writing, except that a missing path is the file itself.
const READ_REASONS: Record<string, string> = { ...WRITE_REASONS, ENOENT: "no such file" };

function reason(err: unknown, reasons: Record<string, string>): string {
  const code = (err as NodeJS.ErrnoException).code ?? "";
  return reasons[code] ?? (code || (err as Error).message);
}

/**
 * The mode of a file the CLI creates with `--out` (a subscriber export, a digest preview): it holds
 * addresses and signed links, so it is the operator's alone, as the database and the outbox are.
 * The mode applies when the file is created; an existing file keeps its own (it may be a device
 * such as /dev/stdout, whose mode is not ours to change).
 */
export const PRIVATE_FILE_MODE = 0o600;

/** A file the CLI cannot write, in one line naming the path and the reason (no stack trace). */
export function cannotWrite(path: string, err: unknown): CommandError {
  return new CommandError(`cannot write ${path}: ${reason(err, WRITE_REASONS)}`);
}

/** A file the CLI cannot read, in one line naming the path and the reason (a usage mistake: exit code 2). */
export function cannotRead(path: string, err: unknown): UsageError {
  return new UsageError(`cannot read ${path}: ${reason(err, READ_REASONS)}`);
}

/**
 * The most of an input file (`import`, `classify`, `subscribers import`) the CLI reads: 2.5 times a
 * million-subscriber CSV, and far past any source's payload (fetches stop at 20 MB).
 */
export const MAX_INPUT_FILE_BYTES = 256 * 1024 * 1024;

/**
 * An input file's bytes, or a one-line refusal: one it cannot read (exit 2, as cannotRead says),
 * or one past MAX_INPUT_FILE_BYTES (exit 1): `/dev/zero` named by mistake used to hang the command.
 */
export async function readInputFile(path: string): Promise<Buffer> {
  try {
    return await readFileWithin(path, MAX_INPUT_FILE_BYTES);
  } catch (err) {
    if (err instanceof FileTooLargeError) throw new CommandError(err.message);
    throw cannotRead(path, err);
  }
}
