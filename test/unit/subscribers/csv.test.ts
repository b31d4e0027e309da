import { describe, expect, it } from "vitest";
import { CsvError, formatCsvRow, parseCsv } from "../../../src/subscribers/csv";

describe("parseCsv", () => {
  it("reads plain rows with their line numbers and skips blank lines", () => {
    expect(parseCsv("email,stacks\na@x.com,go\n\nb@x.com,rust\n")).toEqual([
      { line: 1, fields: ["email", "stacks"] },
      { line: 2, fields: ["a@x.com", "go"] },
      { line: 4, fields: ["b@x.com", "rust"] },
    ]);
  });

  it("handles quotes, doubled quotes, commas and line breaks inside quotes, CRLF and a BOM", () => {
    const text = '\uFEFFemail,mustHave\r\n"a@x.com","kafka, ""go"""\r\nb@x.com,"two\r\nlines"\r\n"c@x.com",""';
    expect(parseCsv(text)).toEqual([
      { line: 1, fields: ["email", "mustHave"] },
      { line: 2, fields: ["a@x.com", 'kafka, "go"'] },
      { line: 3, fields: ["b@x.com", "two\r\nlines"] },
      { line: 5, fields: ["c@x.com", ""] },
    ]);
  });

  it("keeps empty fields and a last line without a line break", () => {
    expect(parseCsv("a,,c\n,,")).toEqual([
      { line: 1, fields: ["a", "", "c"] },
      { line: 2, fields: ["", "", ""] },
    ]);
  });

  it("reports an unclosed quote and text after a closing quote with the line", () => {
    expect(() => parseCsv('email\n"a@x.com')).toThrow(new CsvError(2, "a quoted field is never closed"));
    expect(() => parseCsv('email\n"a"b')).toThrowError(/line 2: unexpected text after a closing quote/);
  });
});

describe("formatCsvRow", () => {
  it("quotes only what needs quoting, and round-trips through parseCsv", () => {
    const fields = ["plain", "with,comma", 'with "quote"', "two\nlines", " padded", ""];
    const line = formatCsvRow(fields);
    expect(line).toBe('plain,"with,comma","with ""quote""","two\nlines"," padded",');
    expect(parseCsv(line)[0]!.fields).toEqual(fields);
  });
});
