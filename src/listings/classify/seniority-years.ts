import type { Seniority } from "../../domain/facets";
import { linesOutsideOptionalSections } from "./stacks";

// The minimum years of experience a listing requires, the last evidence of seniority (README).

const NUMBER_WORDS: Readonly<Record<string, number>> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  twelve: 12,
  fifteen: 15,
};
const COUNT = String.raw`(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|twelve|fifteen)`;
// "5+ years of experience", "3–5 yrs building", "three (3) years' experience", "two or more years in".
const YEARS_BEFORE = new RegExp(
  String.raw`(?:(?:at least|minimum(?: of)?|≥|over)\s*)?(?<![\d\w])${COUNT}(?:\s*\(\d{1,2}\))?\s*(?:\+\s*)?(?:or more\s+)?` +
    String.raw`(?:(?:-|–|to)\s*\d{1,2}\s*(?:\+\s*)?)?(?:years?|yrs?)\+?(?:['’]s?)?\s+(?:or more\s+)?(?:of\s+)?(?:[\w/-]+\s+){0,5}?` +
    String.raw`(?:experience|exp\b|yoe\b|working|building|developing|programming|engineering|shipping|writing|designing|coding|leading|running|operating|in\b|with\b|as\b|of\b|securing|hands-on|professional|industry|back-?end|server-side|software|development|production|relevant|commercial|minimum|min\b)`,
  "gi",
);
// "Experience: 5+ years", "Experience: 3-5 years", "experience of 5+ years", "Years of experience: 5+", "3+ YOE".
const YEARS_AFTER =
  /\bexperience\s*(?:[:–-]|of)\s*(\d{1,2})\s*\+?\s*(?:(?:-|–|to)\s*\d{1,2}\s*\+?\s*)?(?:years?|yrs?)\b|\byears of experience\s*:\s*(\d{1,2})\b|(?<!\d)(\d{1,2})\s*\+?\s*yoe\b/gi;

// "Senior Backend Engineer (5+ years)", "Requirements: 6+ years.", "minimum 5 years": a bare count of
// years, in brackets, with a plus sign at the end of a phrase or after "minimum", is the minimum asked.
const YEARS_ALONE =
  /\(\s*(?:(?:min(?:imum)?\.?|at least|~)\s*)?(\d{1,2})\s*(?:\+\s*)?(?:(?:-|–|to)\s*\d{1,2}\s*(?:\+\s*)?)?(?:years?|yrs?)\+?(?:\s+(?:of\s+)?(?:exp(?:erience)?\.?|min(?:imum)?))?\s*\)|(?<![\d\w])(\d{1,2})\s*\+\s*(?:years?|yrs?)\b(?=\s*(?:[.,;)\n]|$))|\b(?:minimum(?: of)?|min\.|at least)\s*(\d{1,2})\s*(?:\+\s*)?(?:years?|yrs?)\b/gi;

// "For 10 years", "over the past 5 years", "the first three years of operation": a period of time, not experience.
// Within one line: "What we're looking for" as a heading ends before the requirement below it.
// "Looking for 3 years of experience" asks for years: "for" after a verb of asking is no period.
const PERIOD_BEFORE =
  /(?<!\b(?:looking|searching|asking|seeking|hoping|aiming)\s)\b(for|over the (past|last)|since|the (first|next|last|past|coming))[ \t]*$/i;
// "You've been writing Go for 4+ years": years the candidate has, not the company's history.
const ADDRESSES_YOU = /\byou(?:['’]ve| have)?\b[^.!?\n]*$/i;

function countOf(word: string): number {
  return NUMBER_WORDS[word.toLowerCase()] ?? Number(word);
}

// A sentence whose years are a preference, not a requirement ("7+ years preferred", "ideally 5 years").
const PREFERRED = /\b(preferred|ideally|nice[- ]to[- ]have|a plus|bonus|desirable|advantage(ous)?)\b/i;

/** The text without "Nice to have" sections and clauses that state a preference. */
// Clause by clause: "10+ years of experience, ideally in both front end and back end" still asks for 10.
function requiredText(text: string): string {
  return linesOutsideOptionalSections(text)
    .flatMap((line) => line.split(/(?<=[.;!?])\s+/))
    .map((sentence) =>
      sentence
        .split(",")
        .filter((clause) => !PREFERRED.test(clause))
        .join(","),
    )
    .join("\n");
}

const COMPANY_SUBJECT = /\b(we|we've|our|founded|company|team)\b/i;
const ASKS_CANDIDATE =
  /\b(you|your|candidates?|applicants?|look(ing)? for|seek(ing)?|hir(e|ing)|needs?|require\w*|want|ideal|must|should|expect\w*|love|value|welcome|prefer\w*|ask)\b/i;

/** "Founded by engineers with over 15 years of experience": the years describe the company, not the role. */
function aboutTheCompany(before: string): boolean {
  const sentence = before.slice(Math.max(before.lastIndexOf("\n"), before.search(/[.!?][^.!?]*$/)) + 1);
  return COMPANY_SUBJECT.test(sentence) && !ASKS_CANDIDATE.test(sentence);
}

/**
 * Minimum years of experience the text requires (the largest "N+ years" stated outside
 * preferences and "nice to have" sections), or null.
 */
export function minimumYears(original: string): number | null {
  const text = requiredText(original);
  let best: number | null = null;
  for (const m of text.matchAll(YEARS_BEFORE)) {
    const years = countOf(m[1] ?? "");
    const after = text.slice((m.index ?? 0) + m[0].length - 12, (m.index ?? 0) + m[0].length + 20);
    if (years > 25 || /\b(ago|old|history|in business)\b/i.test(after)) continue;
    if (PERIOD_BEFORE.test(text.slice(Math.max(0, (m.index ?? 0) - 20), m.index))) continue;
    if (aboutTheCompany(text.slice(Math.max(0, (m.index ?? 0) - 150), m.index))) continue;
    best = best === null ? years : Math.max(best, years);
  }
  for (const m of text.matchAll(YEARS_AFTER)) {
    // "Our team of 60, with an average experience of 14+ years": the team's years, not the role's.
    if (aboutTheCompany(text.slice(Math.max(0, (m.index ?? 0) - 150), m.index))) continue;
    best = Math.max(best ?? 0, Number(m[1] ?? m[2] ?? m[3]));
  }
  for (const m of text.matchAll(YEARS_ALONE)) {
    const before = text.slice(Math.max(0, (m.index ?? 0) - 150), m.index);
    const after = text.slice((m.index ?? 0) + m[0].length, (m.index ?? 0) + m[0].length + 20);
    if (aboutTheCompany(before) || (PERIOD_BEFORE.test(before) && !ADDRESSES_YOU.test(before))) continue;
    if (/^\s*(ago|old|of history|in business)\b/i.test(after)) continue;
    best = Math.max(best ?? 0, Number(m[1] ?? m[2] ?? m[3]));
  }
  return best;
}

/** README: minimum years required map to a level: 0–1 junior, 2–4 mid, 5 or more senior. */
export function fromYears(years: number | null): Seniority | null {
  if (years === null) return null;
  return years <= 1 ? "junior" : years <= 4 ? "mid" : "senior";
}
