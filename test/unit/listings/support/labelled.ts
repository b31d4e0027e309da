/// <reference types="vite/client" />
import type { Focus, Region, Seniority, Stack } from "../../../../src/domain/facets";
import { getSourceAdapter, isSourceType } from "../../../../src/listings/sources/index";
import type { RawListing } from "../../../../src/listings/sources/raw-listing";
import { salaryHint } from "../../../../src/listings/sources/salary-hint";

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

/**
 * Remotive and Arbeitnow have no shipped adapter (Remotive's terms forbid email use; Arbeitnow
 * is not a configured source), yet their labelled records still measure the classifier: this
 * test-only mapping gives them the RawListing shape, with no classification of its own.
 */
function unshippedToRaw(source: string, r: Record<string, unknown>): RawListing {
  const str = (k: string) => (typeof r[k] === "string" ? (r[k] as string) : "");
  const remotive = source === "remotive";
  const stated = remotive
    ? /([\d,.]+)\s*k?\s*-\s*\$?([\d,.]+)\s*(k)?\s*(\/\s*(hour|month|year))?/i.exec(str("salary"))
    : null;
  const k = stated?.[3] ? 1000 : 1;
  return {
    sourceId: String(r.id ?? r.slug),
    url: str("url"),
    title: str("title"),
    company: str("company_name"),
    descriptionHtml: str("description"),
    descriptionText: null,
    postedAt: null,
    expiresAt: null,
    location: remotive ? str("candidate_required_location") : str("location"),
    hints: remotive
      ? {
          remoteOnlyBoard: true,
          tags: (r.tags as string[]) ?? [],
          salary: stated
            ? salaryHint(
                Number(stated[1]!.replace(/,/g, "")) * k,
                Number(stated[2]!.replace(/,/g, "")) * k,
                "USD",
                stated[5] ?? "year",
              )
            : null,
        }
      : { workplace: r.remote === true ? "remote" : "onsite", tags: (r.tags as string[]) ?? [] },
  };
}

/** Runs one labelled record through its adapter's per-item entry point. */
export function rawListingOf(record: LabelledRecord): RawListing {
  const ctx = { sourceName: record.source };
  if (!isSourceType(record.source)) return unshippedToRaw(record.source, record.raw as Record<string, unknown>);
  // The 2018 Hacker News dataset's `{ full_html, user, url }` goes in as it is: the adapter reads it.
  return getSourceAdapter(record.source).parseItem(record.raw, ctx);
}
