import { describe, expect, it } from "vitest";
import { FACETS, type Facet } from "./support/compare";
import { loadLabelled, rawListingOf } from "./support/labelled";
import { formatScores, score, type Scores } from "./support/score";
import { splitLabelled } from "./support/split";

// Issue 15's bars, on the held-back part only: the development part measures fit, not generalisation.
const BARS: Record<Facet, number> = {
  isBackend: 0.95,
  salary: 0.95,
  seniority: 0.93,
  "remote scope": 0.93,
  stacks: 0.9,
  focus: 0.85,
};
// What the classifier reaches on the held-back part today (remote scope and salary at their bars): the
// test holds it there so no change loses ground, and prints how far each facet is from its bar.
const FLOORS: Record<Facet, number> = {
  isBackend: 0.92,
  salary: 0.96,
  seniority: 0.88,
  "remote scope": 0.94,
  stacks: 0.85,
  focus: 0.57,
};

// heldout.jsonl: 112 listings labelled blind after this session's rules were written (fixture README),
// never read record by record: a second measure of generalisation beside dev2's held-back part.
const HELD_OUT_FLOORS: Record<Facet, number> = {
  isBackend: 0.82,
  salary: 0.94,
  seniority: 0.87,
  "remote scope": 0.91,
  stacks: 0.87,
  focus: 0.52,
};
const heldOut = loadLabelled("heldout.jsonl");

const files = {
  "dev.jsonl": loadLabelled("dev.jsonl"),
  "extra.jsonl": loadLabelled("extra.jsonl"),
  "dev2.jsonl": loadLabelled("dev2.jsonl"),
};
// Rules are written looking only at the development part (its misses are listed below); the
// held-back part reports figures and never its records, so no rule is tuned on what measures it.
const { development, heldBack } = splitLabelled(files);

describe("labelled accuracy", () => {
  it("every labelled record parses through its adapter's per-item entry point", () => {
    for (const record of Object.values(files).flat())
      expect(() => rawListingOf(record), record.origin.key).not.toThrow();
    expect(files["dev.jsonl"]).toHaveLength(85);
    expect(files["extra.jsonl"].length).toBeGreaterThanOrEqual(738);
    expect(files["dev2.jsonl"]).toHaveLength(311);
    expect(heldBack.length).toBeGreaterThanOrEqual(100);
    for (const record of heldOut) expect(() => rawListingOf(record), record.origin.key).not.toThrow();
    expect(heldOut).toHaveLength(112);
  });

  let held: Scores;

  it("prints per-facet figures for both parts and per-source figures for the held-back part", () => {
    const dev = score(development);
    held = score(heldBack);
    console.log(formatScores("development part", dev, false));
    console.log(formatScores("held-back part", held, true));
    if (process.env.SHOW_DEV_MISSES)
      for (const f of FACETS) console.log(`${f} misses:\n${dev.facets[f].misses.join("\n")}`);
  }, 60_000); // classifying ~650 records took 5.4 s on a loaded machine, past the default 5 s

  it.each(FACETS)(
    "%s keeps its held-back floor (issue 15's bar is printed beside it)",
    (facet) => {
      const { right, total } = (held ??= score(heldBack)).facets[facet];
      console.log(
        `${facet}: ${right}/${total} held back, floor ${FLOORS[facet] * 100}%, issue bar ${BARS[facet] * 100}%`,
      );
      expect(right / total, `${facet}: ${right}/${total} held back`).toBeGreaterThanOrEqual(FLOORS[facet]);
    },
    60_000,
  );

  it("keeps the held-out file's floors (printed, never its records)", () => {
    const scores = score(heldOut);
    console.log(formatScores("held-out file (heldout.jsonl)", scores, true));
    for (const facet of FACETS) {
      const { right, total } = scores.facets[facet];
      expect(right / total, `${facet}: ${right}/${total} held out`).toBeGreaterThanOrEqual(HELD_OUT_FLOORS[facet]);
    }
  }, 60_000);
});
