import { classify, type Classification } from "../../../../src/listings/classify/index";
import { FACETS, agrees, describeGot, remotePlacesAgree, type Facet } from "./compare";
import { rawListingOf, type LabelledRecord } from "./labelled";

export interface Tally {
  right: number;
  total: number;
  /** Which records missed and what the classifier said: shown for the development part only. */
  misses: string[];
}

export interface Scores {
  facets: Record<Facet, Tally>;
  bySource: Record<string, Record<Facet, Tally>>;
  places: number;
  records: number;
}

function emptyTallies(): Record<Facet, Tally> {
  return Object.fromEntries(FACETS.map((f) => [f, { right: 0, total: 0, misses: [] }])) as unknown as Record<
    Facet,
    Tally
  >;
}

/** Scores the classifier on labelled records, per facet and per source. */
export function score(records: LabelledRecord[]): Scores {
  const facets = emptyTallies();
  const bySource: Record<string, Record<Facet, Tally>> = {};
  let places = 0;
  for (const record of records) {
    const got: Classification = classify(rawListingOf(record));
    if (remotePlacesAgree(record, got)) places++;
    for (const facet of FACETS) {
      const ok = agrees(facet, record, got);
      if (ok === null) continue;
      for (const tally of [facets[facet], (bySource[record.source] ??= emptyTallies())[facet]]) {
        tally.total++;
        if (ok) tally.right++;
        else tally.misses.push(`${record.origin.key}: got ${JSON.stringify(describeGot(facet, got))}`);
      }
    }
  }
  return { facets, bySource, places, records: records.length };
}

const percent = ({ right, total }: Tally) => (total ? `${((100 * right) / total).toFixed(1)}%` : "-");

/** A printable table: one line per facet, then (optionally) one line per source. */
export function formatScores(name: string, scores: Scores, perSource: boolean): string {
  const lines = [`${name}: ${scores.records} records`];
  for (const f of FACETS) {
    const t = scores.facets[f];
    lines.push(`  ${f.padEnd(13)} ${percent(t).padStart(6)}  (${t.right}/${t.total})`);
  }
  lines.push(`  remote places ${scores.places}/${scores.records} (regions+countries, not gated)`);
  if (perSource) {
    lines.push(`  per source: ${FACETS.join(" | ")}`);
    for (const [source, tallies] of Object.entries(scores.bySource).sort()) {
      lines.push(`  ${source.padEnd(16)} ${FACETS.map((f) => `${tallies[f].right}/${tallies[f].total}`).join(" | ")}`);
    }
  }
  return lines.join("\n");
}
