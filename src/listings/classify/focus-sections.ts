/**
 * The part of a listing's text that describes the role's work. Focus counts kinds of work; a
 * "Nice to have" list, the benefits and the hiring process name tools and perks the role is not
 * about ("Kafka is a plus", "home-office budget"), so their lines are left out.
 */

import { OPTIONAL_HEADING } from "./headings";

// Headings: a short line with no sentence punctuation, optionally ending in a colon; a line with words
// after its colon ("Compensation: $150k", "Nice to have: Kafka") is a field, not a section's start.
const HEADING = /^[^.!?:]{2,70}:?$/;
const FIELD = /^[^.!?:]{2,40}:\s*\S/;
/** Where a heading's keyword may start: "Benefits", "Our benefits", "The perks". */
const KEYWORD_AT_START = 6;
const MAX_HEADING_WORDS = 8;
/** Sections about what the employer offers or how to apply. */
const OFFER_HEADING =
  /\b(benefits|perks|what we offer|we offer|compensation|salary|why (join|work)|our (offer|process)|(hiring|interview|recruitment|application) process|how to apply|to apply|equal (employment )?opportunit\w*|eeo|diversity)\b/i;

/** Headings of the role's own sections; inside a skipped section only these or a "…:" heading end it. */
const WORK_HEADING =
  /\b(about (the|this) (role|team|position|job)|the role|the opportunity|responsibilit\w*|what you('ll| will) (do|build|work on)|your (role|mission|impact)|requirements?|qualifications?|what you('ll)? (bring|need)|about you|who you are|what we('re| are) looking for|the team|tech(nology)? stack|our stack)\b/i;

const BULLET = /^\s*[-•*]/;

function startsWith(keyword: RegExp, line: string): boolean {
  const at = line.search(keyword);
  return at >= 0 && at <= KEYWORD_AT_START;
}

/** The lines of the text outside optional, offer and application sections. */
export function workLines(text: string): string[] {
  const kept: string[] = [];
  let skipping = false;
  for (const line of text.split("\n")) {
    const trimmed = line.trim();
    const bullet = BULLET.test(line);
    const heading = !bullet && HEADING.test(trimmed) && trimmed.split(/\s+/).length <= MAX_HEADING_WORDS;
    // A benefits list often runs without bullets ("Competitive salary"): its items are short lines too.
    if (heading && (!skipping || trimmed.endsWith(":") || WORK_HEADING.test(trimmed))) {
      skipping = startsWith(OPTIONAL_HEADING, trimmed) || startsWith(OFFER_HEADING, trimmed);
      if (skipping) continue;
    }
    // "Nice to have: Kafka, Spark" on one line: that line alone is optional.
    if (!bullet && FIELD.test(trimmed) && startsWith(OPTIONAL_HEADING, trimmed)) continue;
    if (!skipping) kept.push(line);
  }
  return kept;
}

/** Testing words that look like integration work: "integration tests", "continuous integration". */
const TESTING_INTEGRATION =
  /\bintegration(,| and| &)? (tests?|testing|end-to-end)\b|\bcontinuous integration\b|\bunit, integration\b/gi;

/** The text the focus rules read: the role's work, with testing vocabulary neutralised. */
export function workText(text: string): string {
  return workLines(text).join("\n").replace(TESTING_INTEGRATION, "testing");
}
