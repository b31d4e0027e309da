/// <reference types="vite/client" />
import type { Focus, Region, Seniority, Stack } from "../../../../src/domain/facets";
import { getClassifyAdapter, isClassifiableType } from "../../../../src/listings/sources/index";
import type { RawListing } from "../../../../src/listings/sources/raw-listing";

/** One hand-labelled record (schema in test/fixtures/labelled/README.md). */
export interface LabelledRecord {
  source: string;
  raw: unknown;
  origin: { key: string; record_format?: string; [k: string]: unknown };
  labels: {
    isBackend: boolean;
    focus: Focus[];
    stacks: Stack[];
    seniority: Seniority | null;
    salary: { min: number | null; max: number | null; currency: string; period: string } | null;
    remote: { scope: string; regions: Region[]; countries: string[] };
  };
  notes?: string;
}

// The files' text, bundled by Vite (`?raw`): works in the Node pool and inside workerd, unlike node:fs.
const FILES = import.meta.glob<string>("../../../fixtures/labelled/*.jsonl", {
  query: "?raw",
  import: "default",
  eager: true,
});

/** Reads a JSON Lines file of labelled records from test/fixtures/labelled/. */
export function loadLabelled(file: string): LabelledRecord[] {
  const text = FILES[`../../../fixtures/labelled/${file}`];
  if (text === undefined) throw new Error(`no fixture test/fixtures/labelled/${file}`);
  return text
    .split("\n")
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as LabelledRecord);
}

/** Runs one labelled record through its adapter's per-item entry point. */
export function rawListingOf(record: LabelledRecord): RawListing {
  const ctx = { sourceName: record.source };
  if (!isClassifiableType(record.source)) throw new Error(`no adapter classifies ${record.source} payloads`);
  // The 2018 Hacker News dataset's `{ full_html, user, url }` goes in as it is: the adapter reads it.
  return getClassifyAdapter(record.source).parseItem(record.raw, ctx);
}
