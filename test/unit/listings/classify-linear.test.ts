import { describe, expect, it } from "vitest";
import { isBackendRole } from "../../../src/listings/classify/backend";
import { classifyFocus } from "../../../src/listings/classify/focus";
import { fingerprint } from "../../../src/listings/classify/fingerprint";
import { classify } from "../../../src/listings/classify/index";
import { classifyRemote } from "../../../src/listings/classify/remote";
import { classifySalary } from "../../../src/listings/classify/salary";
import { scamSignals } from "../../../src/listings/classify/scam";
import { classifySeniority } from "../../../src/listings/classify/seniority";
import { classifyStacks } from "../../../src/listings/classify/stacks";
import { rawListing } from "./support/raw-listing";

// Issue 16: every pattern the classifier runs on listing text must take linear time. Each
// function gets inputs built to trigger backtracking (repeated separators, money signs, cue
// words, tags, digits, non-ASCII, one long word) up to 256 KB, and the growth of its running time
// is compared with the growth of its input. No absolute times are asserted. 256 KB is past
// anything the classifier is given (descriptions are cut at MAX_DESCRIPTION_TEXT_CHARS, 100,000
// characters, in classify/text.ts); a 1 MB step made this file take seven minutes of CI.
const PIECES: Record<string, string> = {
  "a-": "a-",
  "$1 ": "$1 ",
  "remote ": "remote ",
  "<li ": "<li ",
  digits: "1234567890",
  "1,000 ": "1,000 ",
  unicode: "é日本語🙂ü",
  "one long word": "abcdefghijklmnopqrstuvwxyz",
  "Go, ": "Go, ",
  "5 years ": "5 years ",
  "Capital Words ": "Us Based ",
  "must be based in ": "must be based in ",
  "Senior/": "Senior/",
  "dots. ": "x. ",
  // Bracketed examples and comma clauses (issue 15's clause-level "a plus"), unclosed brackets in titles.
  "(e.g. Go, ": "(e.g. Go, ",
  "Python, a plus ": "Python, a plus ",
  "Senior/Staff Go ": "Senior/Staff Go ",
  "three (3) years ": "three (3) years ",
  "Remote - ": "Remote - ",
  "- HRA $1,000 ": "- HRA $1,000 ",
  "90-120k | ": "90-120k | ",
  "ingestion pipelines ": "ingestion pipelines ",
  "use Go ": "use Go ",
  "Remote or ": "Remote or ",
  "CAD $1,00,000 ": "CAD $1,00,000 ",
  // Role lines of multi-role posts (issue 15, second pass): bullets, dashes, brackets, star runs.
  "\n* Data Engineer (": "\n* Data Engineer (",
  "*": "*",
  "CHF 1'000 ": "CHF 1'000 ",
  // Issue 15, third pass: worded ranges, perks after a figure, Go on a line of its own, preferences.
  "between $1 and ": "between $1 and ",
  "$1 annual budget ": "$1 annual budget ",
  "\n- Go": "\n- Go",
  "Go + ": "Go + ",
  "5 years preferred. ": "5 years preferred. ",
  "degree in CS ": "degree in CS ",
  "with our backend engineers ": "with our backend engineers ",
  "training models ": "training models ",
  "Requirements\n": "Requirements\n",
  ", node": ", node",
  // Issue 15, fourth pass: bracketed and trailing counts of years.
  "(5 + ": "(5 + ",
  "you for 4+ years ": "you for 4+ years ",
  "Level: Senior, ": "Level: Senior, ",
  "security eng ": "security eng ",
  "etc: ": "etc: ",
  "hiring a designer, ": "hiring a designer, ",
  // Header segments of pay: "Company | Role | £90k + equity", restated as a range.
  "| £90k + ": "| £90k + ",
  "a | b | £90k\n": "a | b | £90k\n",
  // One long word in capitals, and capitals between dots: every capital a start of "X-based" or "X time zone".
  "AAAA": "A",
  "A.A.": "A.",
};

const FUNCTIONS: Record<string, (text: string) => unknown> = {
  classify: (text) => classify(rawListing({ title: text, location: text, descriptionText: text })),
  classifyStacks: (text) => classifyStacks(text, text, [text]),
  classifySalary: (text) => classifySalary(text, null),
  classifyRemote: (text) => classifyRemote(rawListing({ location: text }), text),
  // A remote role's text is searched for restrictions ("US-based", "EU time zones"); without a remote
  // word in it the search never runs.
  "classifyRemote (remote role)": (text) => classifyRemote(rawListing({ location: "Remote" }), text),
  classifySeniority: (text) => classifySeniority(text, text, text),
  isBackendRole: (text) => isBackendRole(text, text, []),
  classifyFocus: (text) => classifyFocus(text, text),
  scamSignals: (text) => scamSignals(rawListing({ title: text, company: text }), text),
  fingerprint: (text) => fingerprint(text, text, "worldwide"),
};

function fastest(run: () => void, repeats: number): number {
  let best = Infinity;
  for (let i = 0; i < repeats; i++) {
    const start = performance.now();
    run();
    best = Math.min(best, performance.now() - start);
  }
  return best;
}

// Each step compares one run on an input 8× larger with 8 runs on the smaller input, so both
// timed blocks last about as long and a loaded machine slows them alike (a short run fits in a
// scheduler slice, a long one does not, which skews a plain time(8n) / time(n)). Linear work
// gives a ratio near 1 (up to about 3.5 seen on a loaded machine), quadratic near 8; a quadratic
// function too slow to finish a step within the test timeout fails as well.
const GROWTH = 8;
const BAR = 4;

/** The worst time(8n) / (8 × time(n)) over 16 KB → 128 KB and 32 KB → 256 KB, stopping at the first super-linear step. */
function growth(fn: (text: string) => unknown, piece: string): { size: number; ratio: number } {
  const text = (bytes: number, variant = 0) =>
    `${variant}${piece.repeat(Math.ceil(bytes / piece.length))}`.slice(0, bytes);
  fn(text(16_384)); // warm up the JIT so the first step measures the pattern, not compilation
  let worst = { size: 131_072, ratio: 0 };
  for (const size of [131_072, 262_144]) {
    // Distinct strings, so no engine cache answers a repeated call on the same input.
    const smalls = Array.from({ length: GROWTH }, (_, k) => text(size / GROWTH, k));
    const large = text(size);
    // A pause can spoil one measurement: a step counts as super-linear only when five
    // measurements of it all say so.
    let ratio = Infinity;
    for (let attempt = 0; attempt < 5 && ratio >= BAR; attempt++) {
      const before = Math.max(
        fastest(() => smalls.forEach((small) => fn(small)), 3),
        1,
      );
      ratio = Math.min(
        ratio,
        Math.max(
          fastest(() => fn(large), 3),
          1,
        ) / before,
      );
    }
    if (ratio > worst.ratio) worst = { size, ratio };
    if (ratio >= BAR) break;
  }
  return worst;
}

describe("classifier patterns take linear time on hostile text", () => {
  // Through classify(), "<li " also measures htmlToText (html-to-text, capped at 256 KB).
  const cases = Object.keys(FUNCTIONS).flatMap((fn) => Object.keys(PIECES).map((piece) => [fn, piece] as const));
  it.each(cases)(
    "%s on %j repeated",
    (fn, piece) => {
      const { size, ratio } = growth(FUNCTIONS[fn]!, PIECES[piece]!);
      expect(ratio, `time(${size}) / (${GROWTH} × time(${size / GROWTH})) = ${ratio.toFixed(2)}`).toBeLessThan(BAR);
    },
    120_000,
  );
});
