import { importSubscribers, type ImportSummary } from "../subscribers/import-subscribers";
import { CommandError, readInputFile, UsageError, type Command } from "./command";

const MAX_LISTED_ERRORS = 50;

/** One line with the counts; what the operator reads last. */
export function describeImport(s: ImportSummary, confirmed: boolean): string {
  if (s.invalid.length)
    return `nothing imported: ${s.invalid.length} invalid row${s.invalid.length === 1 ? "" : "s"} of ${s.rows}`;
  const mail = confirmed
    ? "no emails sent (--confirmed)"
    : `${s.confirmationsSent} confirmation email${s.confirmationsSent === 1 ? "" : "s"} sent${
        s.confirmationsRefused ? `, ${s.confirmationsRefused} refused by the provider (their addresses)` : ""
      }${s.confirmationsUnknown ? `, ${s.confirmationsUnknown} unknown (left with the provider, not resent)` : ""}`;
  return `imported ${s.rows} row${s.rows === 1 ? "" : "s"}: ${s.created} new (${confirmed ? "confirmed" : "pending"}), ${s.existing} already subscribed, ${s.suppressed} suppressed, ${s.duplicates} duplicate; ${mail}`;
}

/**
 * The file as text, or a one-line refusal: a binary file (or a UTF-16 or Latin-1 export) read as
 * UTF-8 came out as "line 2: the first line must name the columns", which sent people hunting
 * for a header the file did have. The BOM stays for the CSV reader, which skips it.
 */
function csvText(file: string, bytes: Uint8Array): string {
  const save = 'save it as "CSV UTF-8"';
  if (bytes.includes(0)) {
    throw new CommandError(
      `${file} is not a CSV text file: it contains NUL bytes (a binary file, or UTF-16 text: ${save})`,
    );
  }
  try {
    return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new CommandError(`${file} is not a CSV text file: it is not UTF-8 text (${save})`);
  }
}

export const subscribersImportCommand: Command = {
  name: "subscribers import",
  positionals: ["FILE.csv"],
  booleanFlags: ["confirmed", "json"],
  usage: "subscribers import FILE.csv [--confirmed] [--json]",
  summary: "import subscribers from CSV (email + preference columns); --confirmed attests consent",
  async run({ deps, args, flags, out, progress }) {
    const file = args[0];
    if (!file) throw new UsageError("Give the CSV file to import.");
    const csv = csvText(file, await readInputFile(file));
    const confirmed = flags.confirmed === true;
    const summary = await importSubscribers(deps, { csv, confirmed, progress });
    for (const e of summary.invalid.slice(0, MAX_LISTED_ERRORS)) process.stderr.write(`line ${e.line}: ${e.message}\n`);
    if (summary.invalid.length > MAX_LISTED_ERRORS)
      process.stderr.write(`… and ${summary.invalid.length - MAX_LISTED_ERRORS} more invalid rows\n`);
    if (summary.ignoredColumns.length) process.stderr.write(`ignored columns: ${summary.ignoredColumns.join(", ")}\n`);
    if (summary.mailError) process.stderr.write(`confirmation emails stopped: ${summary.mailError}\n`);
    out(
      flags.json ? JSON.stringify({ ...summary, invalid: summary.invalid.length }) : describeImport(summary, confirmed),
    );
    return summary.invalid.length || summary.mailError ? 1 : 0;
  },
};
