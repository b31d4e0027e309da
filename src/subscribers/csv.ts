/**
 * A small RFC 4180 CSV reader and writer: comma-separated, fields optionally in double quotes
 * (which may hold commas, line breaks and doubled quotes), LF or CRLF line ends, an optional
 * UTF-8 BOM. Blank lines are skipped. Written by hand: the subset we need is ~60 lines and a
 * dependency would have to run on Workers too.
 */
export interface CsvRecord {
  /** 1-based line number where the record starts (as an editor shows it). */
  line: number;
  fields: string[];
}

export class CsvError extends Error {
  override name = "CsvError";
  constructor(
    readonly line: number,
    message: string,
  ) {
    super(`line ${line}: ${message}`);
  }
}

/** Parses a whole CSV text into records. Throws CsvError for an unclosed quote or text after one. */
export function parseCsv(text: string): CsvRecord[] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: CsvRecord[] = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false; // the current field was written in quotes (so "" is a value, not a blank line)
  let line = 1;
  let start = 1;
  let i = 0;
  const endRecord = () => {
    const blank = fields.length === 0 && field === "" && !quoted;
    fields.push(field);
    if (!blank) records.push({ line: start, fields });
    fields = [];
    field = "";
    quoted = false;
  };
  while (i < src.length) {
    const ch = src[i]!;
    if (ch === '"' && field === "" && !quoted) {
      // A quoted field: read to the closing quote; "" inside is a literal quote.
      const quoteLine = line;
      quoted = true;
      for (i++; ; i++) {
        if (i >= src.length) throw new CsvError(quoteLine, "a quoted field is never closed");
        if (src[i] === '"') {
          if (src[i + 1] !== '"') break;
          i++;
        } else if (src[i] === "\n") line++;
        field += src[i];
      }
      i++;
      const next = src[i];
      if (next !== undefined && next !== "," && next !== "\n" && next !== "\r") {
        throw new CsvError(line, 'unexpected text after a closing quote (write a quote inside a quoted field as "")');
      }
      continue;
    }
    if (ch === ",") {
      fields.push(field);
      field = "";
      quoted = false;
    } else if (ch === "\n" || ch === "\r") {
      endRecord();
      if (ch === "\r" && src[i + 1] === "\n") i++;
      line++;
      start = line;
    } else {
      field += ch;
    }
    i++;
  }
  if (field !== "" || quoted || fields.length) endRecord();
  return records;
}

/**
 * One CSV line (without the line break); quotes a field only when it needs it. A field a
 * spreadsheet would run as a formula (OWASP "CSV injection": starting with = + - @, tab or
 * carriage return) is neutralised: prefixed with a single quote and quoted. A field that already
 * starts with quotes before such a character gets one more, so readCsvCell undoes it exactly.
 */
export function formatCsvRow(fields: readonly string[]): string {
  return fields.map(formatCsvCell).join(",");
}

// One leading run of quotes, then one character: linear.
const FORMULA_START = /^'*[=+\-@\t\r]/;

function formatCsvCell(value: string): string {
  const neutralised = FORMULA_START.test(value);
  const f = neutralised ? `'${value}` : value;
  return neutralised || /[",\r\n]|^\s|\s$/.test(f) ? `"${f.replace(/"/g, '""')}"` : f;
}

/** The value a cell written by formatCsvRow held: drops the quote that neutralised a formula. */
export function readCsvCell(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell) ? cell.slice(1) : cell;
}
