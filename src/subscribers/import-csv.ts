import { inJsonList } from "../../db/json-list";
import type { Db } from "../../db/client";
import { subscribers } from "../../db/schema";
import { CsvError, parseCsv, readCsvCell } from "./csv";
import { parseEmail } from "./email-address";
import { PREFERENCE_FIELDS, parsePreferences, type FormInput, type Preferences } from "./preferences";

export interface ImportRow {
  line: number;
  email: string;
  preferences: Preferences;
}

export interface ValidatedImport {
  rows: ImportRow[];
  invalid: { line: number; message: string }[];
  duplicates: number;
  ignoredColumns: string[];
}

const COLUMNS = new Map<string, string>(["email", ...PREFERENCE_FIELDS].map((c) => [c.toLowerCase(), c]));

/**
 * Pure: reads and validates a whole subscriber CSV (`email` plus optional columns named as in the
 * form, multi-values separated by `;`) before anything is written. Every invalid row is reported
 * with its line number; a repeated address keeps its first row. Unknown columns are ignored.
 */
export function validateImport(csv: string, progress?: (done: number, total: number) => void): ValidatedImport {
  let records;
  try {
    records = parseCsv(csv);
  } catch (err) {
    if (err instanceof CsvError)
      return {
        rows: [],
        invalid: [{ line: err.line, message: err.message.replace(/^line \d+: /, "") }],
        duplicates: 0,
        ignoredColumns: [],
      };
    throw err;
  }
  const [header, ...body] = records;
  const names = (header?.fields ?? []).map((h) => h.trim());
  const columns = names.map((h) => COLUMNS.get(h.toLowerCase()) ?? null);
  if (!columns.includes("email")) {
    const hint = names.length === 1 && names[0]!.includes(";") ? " (separate columns with commas, not semicolons)" : "";
    return {
      rows: [],
      invalid: [{ line: header?.line ?? 1, message: `the first line must name the columns, including "email"${hint}` }],
      duplicates: 0,
      ignoredColumns: [],
    };
  }
  // A column named twice ("email,Email", two "stacks") would keep one cell of each row and drop the
  // other without a word: the second address on every line was never imported.
  const twice = columns.findIndex((c, i) => c !== null && columns.indexOf(c) !== i);
  if (twice !== -1) {
    const first = columns.indexOf(columns[twice]!);
    return {
      rows: [],
      invalid: [
        {
          line: header!.line,
          message: `the column "${columns[twice]}" is named twice (columns ${first + 1} and ${twice + 1}): keep one`,
        },
      ],
      duplicates: 0,
      ignoredColumns: [],
    };
  }
  const result: ValidatedImport = {
    rows: [],
    invalid: [],
    duplicates: 0,
    ignoredColumns: names.filter((_, i) => columns[i] === null),
  };
  const seen = new Set<string>();
  for (const [n, record] of body.entries()) {
    if (n % 5000 === 0) progress?.(n, body.length);
    if (record.fields.length > columns.length) {
      result.invalid.push({
        line: record.line,
        message: `${record.fields.length} fields, but the header names ${columns.length} columns`,
      });
      continue;
    }
    const input: FormInput = {};
    record.fields.forEach((value, i) => {
      const column = columns[i];
      // readCsvCell first: the export neutralises formula-like cells (a quote before "=", "+", …).
      if (column) input[column] = readCsvCell(value).trim();
    });
    const email = parseEmail(input.email);
    const prefs = parsePreferences(input);
    if (!email.ok || !prefs.ok) {
      const errors = { ...(prefs.ok ? {} : prefs.errors), ...(email.ok ? {} : { email: email.error }) };
      result.invalid.push({
        line: record.line,
        message: Object.entries(errors)
          .map(([f, m]) => `${f}: ${m}`)
          .join("; "),
      });
      continue;
    }
    if (seen.has(email.value)) {
      result.duplicates++;
      continue;
    }
    seen.add(email.value);
    result.rows.push({ line: record.line, email: email.value, preferences: prefs.value });
  }
  progress?.(body.length, body.length);
  return result;
}

/** The addresses among `emails` that already have a subscriber row (any status). */
export async function existingEmails(db: Db, emails: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  if (emails.length > 5000) {
    // One scan of the unique email index beats hundreds of IN (…) round trips for big files.
    const wanted = new Set(emails);
    for (const r of await db.select({ email: subscribers.email }).from(subscribers))
      if (wanted.has(r.email)) found.add(r.email);
    return found;
  }
  for (let i = 0; i < emails.length; i += 500) {
    const rows = await db
      .select({ email: subscribers.email })
      .from(subscribers)
      .where(inJsonList(subscribers.email, emails.slice(i, i + 500)));
    for (const r of rows) found.add(r.email);
  }
  return found;
}
