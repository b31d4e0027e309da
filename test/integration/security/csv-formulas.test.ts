import { afterAll, beforeAll, expect, it } from "vitest";
import { parseCsv } from "../../../src/subscribers/csv";
import { exportSubscribers } from "../../../src/subscribers/export-csv";
import { validateImport } from "../../../src/subscribers/import-csv";
import { createDepsWithFakeResend } from "../../support/deps";
import { givenSubscriber } from "../../support/subscriber-factory";

let deps: Awaited<ReturnType<typeof createDepsWithFakeResend>>;
beforeAll(async () => {
  deps = await createDepsWithFakeResend();
});
afterAll(() => deps.close());

// What OWASP lists as formula starters, and a value that already looks neutralised.
const HOSTILE = ["=1+1", "+cmd", "-2+3", "@sum(a1)", "'=already quoted"];

it("the subscriber export neutralises formula cells and the import reads them back unchanged", async () => {
  await givenSubscriber(deps.db, deps.clock.now(), {
    email: "-dash@example.com",
    prefs: { excludedKeywords: HOSTILE, mustHaveKeywords: ["@kafka"], excludedCompanies: ["'=evil corp"] },
  });
  const lines: string[] = [];
  await exportSubscribers(deps, (l) => void lines.push(l));
  const csv = lines.join("\n");

  // Every cell a spreadsheet would evaluate now starts with a quote, inside double quotes.
  const cells = parseCsv(csv).flatMap((r) => r.fields);
  for (const cell of cells) expect(cell).not.toMatch(/^[=+\-@\t\r]/);
  expect(csv).toContain(`"'-dash@example.com"`);
  expect(csv).toContain(`"'=1+1;+cmd;-2+3;@sum(a1);'=already quoted"`);
  expect(csv).toContain(`"'@kafka"`);
  expect(csv).toContain(`"''=evil corp"`);

  const back = validateImport(csv);
  expect(back.invalid).toEqual([]);
  expect(back.rows).toHaveLength(1);
  expect(back.rows[0]!.email).toBe("-dash@example.com");
  expect(back.rows[0]!.preferences).toMatchObject({
    excludedKeywords: HOSTILE,
    mustHaveKeywords: ["@kafka"],
    excludedCompanies: ["'=evil corp"],
  });
});

it("a cell that starts with a tab or a carriage return is neutralised too", async () => {
  const { formatCsvRow, readCsvCell } = await import("../../../src/subscribers/csv");
  for (const value of ["\tx", "\r=1", "plain", "'quoted", "a=b"]) {
    const [cell] = parseCsv(formatCsvRow([value, "end"]))[0]!.fields;
    expect(readCsvCell(cell!)).toBe(value);
    if (/^[\t\r]/.test(value)) expect(cell!.startsWith("'")).toBe(true);
  }
});
