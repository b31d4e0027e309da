import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { classify } from "../../../src/listings/classify/index";
import { isSourceType } from "../../../src/listings/sources/index";
import { classifyLines } from "../../support/classify-command";
import { type LabelledRecord, loadLabelled, rawListingOf } from "../../unit/listings/support/labelled";

/**
 * Issue 15 scores the `classify` command on listings saved one by one, not as whole payloads. The
 * command must read them as people save them (JSON Lines of items, labelled records, one item, an
 * array) and say exactly what the accuracy test's classifier says for each.
 */
const records = ["dev.jsonl", "extra.jsonl", "dev2.jsonl"].flatMap(loadLabelled).filter((r) => isSourceType(r.source));
const bySource = new Map<string, LabelledRecord[]>();
for (const r of records) bySource.set(r.source, [...(bySource.get(r.source) ?? []), r]);
const dir = mkdtempSync(join(tmpdir(), "bw-classify-saved-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function classifyFile(type: string, text: string): Promise<Record<string, unknown>[]> {
  const file = join(dir, `${type}-${Math.random().toString(36).slice(2)}.txt`);
  writeFileSync(file, text);
  const lines = await classifyLines(file, type);
  return lines.map((l) => JSON.parse(l) as Record<string, unknown>);
}

// The facets issue 15 scores, as the accuracy test's classifier gives them for one record.
function expected(record: LabelledRecord) {
  const got = classify(rawListingOf(record));
  const { min, max, currency, period } = got.salary ?? {};
  return {
    isBackend: got.isBackend,
    focus: got.focus,
    stacks: got.stacks,
    seniority: got.seniority,
    salary: got.salary ? { min, max, currency, period } : null,
    remote: got.remote,
  };
}

function printed(listing: Record<string, unknown>) {
  const salary = listing.salary as Record<string, unknown> | null;
  return {
    isBackend: listing.isBackend,
    focus: listing.focus,
    stacks: listing.stacks,
    seniority: listing.seniority,
    salary: salary ? { min: salary.min, max: salary.max, currency: salary.currency, period: salary.period } : null,
    remote: listing.remote,
  };
}

// A record with no title (Remote OK sends some empty ones) is no listing: classify prints nothing for it.
const hasTitle = (r: LabelledRecord) => rawListingOf(r).title.trim() !== "";

describe("classify reads listings saved one by one", () => {
  it.each([...bySource.keys()])(
    "%s: JSON Lines of labelled records give the accuracy test's answers",
    async (type) => {
      const saved = bySource.get(type)!;
      const text = saved.map((r) => JSON.stringify(r)).join("\n");
      const out = await classifyFile(type, text);
      // One line per readable record, in the file's order (a job labelled twice, from two dumps, twice).
      const readable = saved.filter(hasTitle);
      expect(out.length).toBe(readable.length);
      readable.forEach((record, i) => {
        expect(out[i]?.sourceId, record.origin.key).toBe(rawListingOf(record).sourceId);
        expect(printed(out[i]!), record.origin.key).toEqual(expected(record));
      });
    },
    60_000,
  );

  it("reads one item alone, an array of items and JSON Lines of bare items", async () => {
    const saved = bySource.get("greenhouse")!.slice(0, 3);
    const raws = saved.map((r) => r.raw);
    const ids = saved.map((r) => rawListingOf(r).sourceId).sort();
    const ofOne = await classifyFile("greenhouse", JSON.stringify(raws[0]));
    expect(ofOne.map((l) => l.sourceId)).toEqual([rawListingOf(saved[0]!).sourceId]);
    expect((await classifyFile("greenhouse", JSON.stringify(raws))).map((l) => l.sourceId).sort()).toEqual(ids);
    const lines = raws.map((r) => JSON.stringify(r)).join("\n");
    expect((await classifyFile("greenhouse", lines)).map((l) => l.sourceId).sort()).toEqual(ids);
  });

  it("still refuses a file that holds no listing of that type, naming the type", async () => {
    await expect(classifyFile("greenhouse", '{"hello":"world"}\n[1,2]')).rejects.toThrow(
      /is not a greenhouse payload: /,
    );
    await expect(classifyFile("greenhouse", "not json at all")).rejects.toThrow(
      /is not a greenhouse payload: payload is not JSON/,
    );
  });
});
