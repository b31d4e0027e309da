import { confirmationSends, preferences as preferencesTable, subscribers } from "../../db/schema";
import type { Deps } from "../deps";
import { insertRows, runBatch } from "../../db/bulk";
import { plannedConfirmations, sendImportConfirmations } from "./import-confirmations";
import { existingEmails, validateImport, type ImportRow } from "./import-csv";
import { suppressedEmails } from "./suppression";

export interface ImportSummary {
  rows: number;
  created: number;
  existing: number;
  suppressed: number;
  duplicates: number;
  invalid: { line: number; message: string }[];
  ignoredColumns: string[];
  confirmationsSent: number;
  /** Of those, confirmations an interrupted earlier run had left with the provider, finished now. */
  confirmationsResumed: number;
  /** Confirmations the provider would not take (their addresses); the rest of their batches went out. */
  confirmationsRefused: number;
  /** Confirmations a killed run left with the provider that cannot be resent safely (`unknown`). */
  confirmationsUnknown: number;
  /** Set when the provider refused a confirmation batch: the rows are stored, later batches unsent. */
  mailError?: string;
}

const ROWS_PER_INSERT = 500;
const ROWS_PER_BATCH = 5000;

/**
 * Imports subscribers from a CSV text (the `subscribers import` command). Validates the whole
 * file first: with any invalid row nothing is written. Existing and suppressed addresses are
 * left as they are, so running it twice changes nothing. New rows are written with multi-row
 * inserts, 5,000 rows per write batch (one transaction each). With `confirmed` the operator attests consent: rows are
 * confirmed and nothing is mailed; otherwise they are pending, each written with a `planned`
 * confirmation row, and then every confirmation not yet sent goes out, 100 per provider call
 * (see sendImportConfirmations): a run killed at any point and run again mails each person once.
 */
export async function importSubscribers(
  deps: Pick<Deps, "db" | "mailer" | "config" | "clock" | "retry" | "log" | "signer" | "suppressionKeys">,
  input: { csv: string; confirmed: boolean; progress?: (line: string) => void },
): Promise<ImportSummary> {
  const progress = input.progress ?? (() => {});
  const checked = validateImport(input.csv, (done, total) => progress(`validating ${done}/${total} rows`));
  const summary: ImportSummary = {
    rows: checked.rows.length + checked.duplicates + checked.invalid.length,
    created: 0,
    existing: 0,
    suppressed: 0,
    duplicates: checked.duplicates,
    invalid: checked.invalid,
    ignoredColumns: checked.ignoredColumns,
    confirmationsSent: 0,
    confirmationsResumed: 0,
    confirmationsRefused: 0,
    confirmationsUnknown: 0,
  };
  if (checked.invalid.length) return summary;

  const existing = await existingEmails(
    deps.db,
    checked.rows.map((r) => r.email),
  );
  const fresh = checked.rows.filter((r) => !existing.has(r.email));
  const suppressed = await suppressedEmails(
    deps.db,
    deps.suppressionKeys,
    fresh.map((r) => r.email),
  );
  const toCreate = fresh.filter((r) => !suppressed.has(r.email));
  summary.existing = existing.size;
  summary.suppressed = fresh.length - toCreate.length;

  const now = deps.clock.now();
  const created: { id: string; row: ImportRow }[] = toCreate.map((row) => ({ id: crypto.randomUUID(), row }));
  for (let b = 0; b < created.length; b += ROWS_PER_BATCH) {
    const slice = created.slice(b, b + ROWS_PER_BATCH);
    const statements = [];
    for (let i = 0; i < slice.length; i += ROWS_PER_INSERT) {
      const chunk = slice.slice(i, i + ROWS_PER_INSERT);
      statements.push(
        insertRows(
          deps.db,
          subscribers,
          chunk.map(({ id, row }) => ({
            id,
            email: row.email,
            status: input.confirmed ? ("confirmed" as const) : ("pending" as const),
            createdAt: now,
            updatedAt: now,
            confirmedAt: input.confirmed ? now : null,
            origin: "import" as const,
          })),
        ),
        insertRows(
          deps.db,
          preferencesTable,
          chunk.map(({ id, row }) => ({ subscriberId: id, ...row.preferences })),
        ),
      );
      // Each pending row records, with the row itself, that its confirmation is still to be sent.
      if (!input.confirmed)
        statements.push(
          insertRows(
            deps.db,
            confirmationSends,
            plannedConfirmations(
              chunk.map((c) => c.id),
              now,
            ),
          ),
        );
    }
    await runBatch(deps.db, statements);
    summary.created += slice.length;
    progress(`stored ${summary.created}/${created.length} new subscribers`);
  }
  deps.log.info("import.stored", { created: summary.created, confirmed: input.confirmed });
  if (!input.confirmed) {
    // Every confirmation not yet sent, this file's and those a killed earlier run left.
    const mailed = await sendImportConfirmations(deps, progress);
    summary.confirmationsSent = mailed.sent;
    summary.confirmationsResumed = mailed.resumed;
    summary.confirmationsRefused = mailed.refused;
    summary.confirmationsUnknown = mailed.unknown;
    if (mailed.mailError) summary.mailError = mailed.mailError;
  }
  return summary;
}
