import { open } from "node:fs/promises";
import { exportSubscribers } from "../subscribers/export-csv";
import { cannotWrite, PRIVATE_FILE_MODE, UsageError, type Command } from "./command";

/** "exported 1 subscriber", "exported 3 subscribers": what the summary line says. */
const exported = (n: number) => `exported ${n} ${n === 1 ? "subscriber" : "subscribers"}`;

export const subscribersExportCommand: Command = {
  name: "subscribers export",
  usage: "subscribers export [--out FILE]",
  summary: "export confirmed subscribers as CSV (the columns import reads); stdout by default",
  valueFlags: ["out"],
  async run({ deps, flags, out }) {
    if (flags.out === true || flags.out === "") throw new UsageError("--out needs a file name.");
    if (typeof flags.out !== "string") {
      const result = await exportSubscribers(deps, async (line) => void (await out(line)));
      // stdout is the CSV itself, so the summary goes to stderr.
      process.stderr.write(`${exported(result.exported)} (${result.skippedSuppressed} suppressed left out)\n`);
      return;
    }
    const path = flags.out;
    const file = await open(path, "w", PRIVATE_FILE_MODE).catch((err) => {
      throw cannotWrite(path, err);
    });
    const write = (lines: string[]) =>
      file.write(`${lines.join("\n")}\n`).catch((err) => {
        throw cannotWrite(path, err);
      });
    try {
      let buffer: string[] = [];
      const result = await exportSubscribers(deps, async (line) => {
        buffer.push(line);
        if (buffer.length >= 1000) {
          await write(buffer);
          buffer = [];
        }
      });
      if (buffer.length) await write(buffer);
      out(`${exported(result.exported)} to ${flags.out} (${result.skippedSuppressed} suppressed left out)`);
    } finally {
      await file.close();
    }
  },
};
